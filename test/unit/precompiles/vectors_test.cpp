// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The go-ethereum precompile vectors (core/vm/testdata/precompiles/*.json, transcribed into data/;
// see data/README.md), run through the table entry of each precompile: output AND gas, per file.
#include <gtest/gtest.h>

#include <cctype>
#include <ostream>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/infra/json.hpp>
#include <ultra/precompiles/table.hpp>

namespace {
using namespace ultra;
using namespace ultra::precompiles;

std::filesystem::path data_dir()
{
    return ULTRA_PRECOMPILES_TEST_DATA;
}

struct VectorFile
{
    const char* file;
    uint16_t address;
    Revision rev;
    bool expect_failure;  ///< a geth "fail-*" file: every vector must fail
};

void PrintTo(const VectorFile& f, std::ostream* os)
{
    *os << f.file << "@" << to_string(f.rev);
}

class PrecompileVectors : public testing::TestWithParam<VectorFile>
{};

TEST_P(PrecompileVectors, OutputAndGas)
{
    const VectorFile& param = GetParam();
    const Precompile* p = find_precompile(precompile_address(param.address), param.rev);
    ASSERT_NE(p, nullptr);

    const auto vectors = infra::load_json(data_dir() / param.file);
    ASSERT_TRUE(vectors.is_array());
    ASSERT_FALSE(vectors.empty());
    size_t checked = 0;
    for (const auto& v : vectors) {
        const std::string name = v.at("Name").get<std::string>();
        SCOPED_TRACE(name);
        const auto input = from_hex(v.at("Input").get<std::string>());
        ASSERT_TRUE(input.has_value());
        const PrecompileResult result = p->execute(*input, param.rev);
        if (param.expect_failure) {
            EXPECT_FALSE(result.has_value()) << "expected error: " << v.at("ExpectedError");
        } else {
            ASSERT_TRUE(result.has_value());
            EXPECT_EQ(to_hex(*result), v.at("Expected").get<std::string>());
            EXPECT_EQ(p->gas(*input, param.rev), v.at("Gas").get<uint64_t>());
        }
        ++checked;
    }
    EXPECT_EQ(checked, vectors.size());
}

INSTANTIATE_TEST_SUITE_P(
    Geth,
    PrecompileVectors,
    testing::Values(VectorFile{"ecRecover.json", 0x01, Revision::kFrontier, false},
                    VectorFile{"ecRecover.json", 0x01, Revision::kOsaka, false},
                    VectorFile{"modexp.json", 0x05, Revision::kByzantium, false},
                    VectorFile{"modexp.json", 0x05, Revision::kIstanbul, false},
                    VectorFile{"modexp_eip2565.json", 0x05, Revision::kBerlin, false},
                    VectorFile{"modexp_eip2565.json", 0x05, Revision::kPrague, false},
                    VectorFile{"modexp_eip7883.json", 0x05, Revision::kOsaka, false},
                    VectorFile{"blake2F.json", 0x09, Revision::kIstanbul, false},
                    VectorFile{"fail-blake2f.json", 0x09, Revision::kIstanbul, true},
                    VectorFile{"p256Verify.json", 0x100, Revision::kOsaka, false}),
    [](const testing::TestParamInfo<VectorFile>& param_info) {
        std::string name =
            std::string{param_info.param.file} + "_" + std::string{to_string(param_info.param.rev)};
        for (char& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        return name;
    });

}  // namespace
