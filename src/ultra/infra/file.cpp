// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "file.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

namespace ultra::infra {
namespace {
bool ends_with(const std::string& s, std::string_view suffix)
{
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string inflate_gzip(const std::string& compressed, const std::filesystem::path& path)
{
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        throw FileError(path.string() + ": cannot initialise zlib");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    zs.avail_in = static_cast<uInt>(compressed.size());

    std::string out;
    out.resize(compressed.size() * 8 + 1024);
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        if (zs.total_out >= out.size()) out.resize(out.size() * 2);
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + zs.total_out);
        zs.avail_out = static_cast<uInt>(out.size() - zs.total_out);
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) break;
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            const std::string msg = zs.msg ? zs.msg : "corrupt data";
            inflateEnd(&zs);
            throw FileError(path.string() + ": gzip: " + msg);
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            inflateEnd(&zs);
            throw FileError(path.string() + ": gzip: truncated stream");
        }
    }
    out.resize(zs.total_out);
    inflateEnd(&zs);
    return out;
}
}  // namespace

std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FileError(path.string() + ": cannot open: " + std::strerror(errno));
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw FileError(path.string() + ": read error");
    if (ends_with(path.string(), ".gz")) return inflate_gzip(data, path);
    return data;
}

std::vector<std::filesystem::path> list_json_files(const std::filesystem::path& path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec)) throw FileError(path.string() + ": no such file or directory");
    std::vector<fs::path> files;
    auto is_json = [](const fs::path& p) {
        const auto s = p.string();
        return ends_with(s, ".json") || ends_with(s, ".json.gz");
    };
    if (fs::is_regular_file(path)) {
        files.push_back(path);
        return files;
    }
    for (const auto& e : fs::recursive_directory_iterator(path)) {
        if (e.is_regular_file() && is_json(e.path())) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace ultra::infra
