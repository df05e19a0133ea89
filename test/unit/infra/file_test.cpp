// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <ultra/infra/file.hpp>
#include <ultra/infra/json.hpp>

namespace fs = std::filesystem;
using namespace ultra::infra;

namespace {
fs::path temp_path(const std::string& name)
{
    return fs::temp_directory_path() /
           ("ultra_file_test_" + std::to_string(::getpid()) + "_" + name);
}

void write_gzip(const fs::path& p, const std::string& text)
{
    gzFile f = gzopen(p.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(gzwrite(f, text.data(), static_cast<unsigned>(text.size())),
              static_cast<int>(text.size()));
    gzclose(f);
}
}  // namespace

TEST(infra_file, reads_plain_and_gzip_identically)
{
    const std::string text = R"({"a": [1, 2, 3], "b": "0x00ff"})";
    const auto plain = temp_path("x.json");
    const auto gz = temp_path("x.json.gz");
    std::ofstream(plain) << text;
    write_gzip(gz, text);
    EXPECT_EQ(read_file(plain), text);
    EXPECT_EQ(read_file(gz), text);
    EXPECT_EQ(load_json(gz)["b"], "0x00ff");
    fs::remove(plain);
    fs::remove(gz);
}

TEST(infra_file, large_gzip_inflates_fully)
{
    std::string text(3'000'000, 'a');  // compresses ~1000x: exercises the output-growth loop
    const auto gz = temp_path("big.json.gz");
    write_gzip(gz, text);
    EXPECT_EQ(read_file(gz).size(), text.size());
    fs::remove(gz);
}

TEST(infra_file, errors_name_the_file)
{
    const auto missing = temp_path("missing.json");
    try {
        (void)read_file(missing);
        FAIL() << "expected FileError";
    } catch (const FileError& e) {
        EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos);
    }

    const auto truncated = temp_path("t.json.gz");
    write_gzip(truncated, std::string(100000, 'x') + "tail");
    fs::resize_file(truncated, fs::file_size(truncated) / 2);
    EXPECT_THROW((void)read_file(truncated), FileError);

    const auto bad = temp_path("bad.json");
    std::ofstream(bad) << "{\"a\": ";
    try {
        (void)load_json(bad);
        FAIL() << "expected FileError";
    } catch (const FileError& e) {
        EXPECT_NE(std::string(e.what()).find("malformed JSON"), std::string::npos);
    }
    fs::remove(truncated);
    fs::remove(bad);
}

TEST(infra_file, lists_json_files_sorted_recursively)
{
    const auto dir = temp_path("dir");
    fs::create_directories(dir / "sub");
    std::ofstream(dir / "b.json") << "{}";
    std::ofstream(dir / "sub" / "a.json.gz") << "";
    std::ofstream(dir / "readme.md") << "";
    const auto files = list_json_files(dir);
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].filename(), "b.json");
    EXPECT_EQ(files[1].filename(), "a.json.gz");
    EXPECT_THROW((void)list_json_files(dir / "nope"), FileError);
    fs::remove_all(dir);
}
