// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The precompile table: addresses, activation revisions (EIPs 198/196/197, 152, 4844, 2537, 7951)
// and lookups.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <ultra/core/hex.hpp>
#include <ultra/precompiles/table.hpp>

namespace {
using namespace ultra;
using namespace ultra::literals;
using namespace ultra::precompiles;

/// The activation revision of every precompile address (the specification, not the table).
const std::map<uint16_t, Revision> kExpectedSince = {
    {0x01, Revision::kFrontier},  {0x02, Revision::kFrontier},  {0x03, Revision::kFrontier},
    {0x04, Revision::kFrontier},  {0x05, Revision::kByzantium}, {0x06, Revision::kByzantium},
    {0x07, Revision::kByzantium}, {0x08, Revision::kByzantium}, {0x09, Revision::kIstanbul},
    {0x0a, Revision::kCancun},    {0x0b, Revision::kPrague},    {0x0c, Revision::kPrague},
    {0x0d, Revision::kPrague},    {0x0e, Revision::kPrague},    {0x0f, Revision::kPrague},
    {0x10, Revision::kPrague},    {0x11, Revision::kPrague},    {0x100, Revision::kOsaka},
};

/// Every precompile address must be in the table.
const uint16_t kOwn[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
                         0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x100};

TEST(PrecompileTable, EntriesHaveTheSpecifiedSince)
{
    for (const Precompile& p : all_precompiles()) {
        SCOPED_TRACE(p.name);
        const auto it = kExpectedSince.find(p.address);
        ASSERT_NE(it, kExpectedSince.end());
        EXPECT_EQ(p.since, it->second);
        EXPECT_NE(p.gas, nullptr);
        EXPECT_NE(p.execute, nullptr);
        EXPECT_FALSE(p.name.empty());
    }
    for (uint16_t a : kOwn) {
        const auto found = std::find_if(all_precompiles().begin(), all_precompiles().end(),
                                        [a](const Precompile& p) { return p.address == a; });
        EXPECT_NE(found, all_precompiles().end()) << a;
    }
}

TEST(PrecompileTable, LookupHonoursSince)
{
    for (const auto& [number, since] : kExpectedSince) {
        const Address addr = precompile_address(number);
        for (size_t r = 0; r < kNumRevisions; ++r) {
            const auto rev = static_cast<Revision>(r);
            const Precompile* p = find_precompile(addr, rev);
            if (rev < since) {
                EXPECT_EQ(p, nullptr) << number << " " << to_string(rev);
            } else if (p != nullptr) {
                EXPECT_EQ(p->address, number);
            } else {
                // Only the not-yet-wired pairing-based addresses may be missing.
                EXPECT_EQ(std::count(std::begin(kOwn), std::end(kOwn), number), 0)
                    << number << " " << to_string(rev);
            }
            EXPECT_EQ(is_precompile(addr, rev), p != nullptr);
        }
    }
}

TEST(PrecompileTable, SpecificBoundaries)
{
    EXPECT_FALSE(is_precompile(precompile_address(0x05), Revision::kSpuriousDragon));
    EXPECT_TRUE(is_precompile(precompile_address(0x05), Revision::kByzantium));
    EXPECT_FALSE(is_precompile(precompile_address(0x09), Revision::kPetersburg));
    EXPECT_TRUE(is_precompile(precompile_address(0x09), Revision::kIstanbul));
    EXPECT_FALSE(is_precompile(precompile_address(0x100), Revision::kPrague));
    EXPECT_TRUE(is_precompile(precompile_address(0x100), Revision::kOsaka));
    const Precompile* ecrec =
        find_precompile("0x0000000000000000000000000000000000000001"_addr, Revision::kFrontier);
    ASSERT_NE(ecrec, nullptr);
    EXPECT_EQ(ecrec->name, "ECRECOVER");
    const Precompile* p256 =
        find_precompile("0x0000000000000000000000000000000000000100"_addr, Revision::kOsaka);
    ASSERT_NE(p256, nullptr);
    EXPECT_EQ(p256->name, "P256VERIFY");
}

TEST(PrecompileTable, NonPrecompileAddresses)
{
    for (Revision rev : {Revision::kFrontier, Revision::kCancun, Revision::kOsaka}) {
        EXPECT_FALSE(is_precompile(Address{}, rev));
        EXPECT_FALSE(is_precompile(precompile_address(0x12), rev));
        EXPECT_FALSE(is_precompile(precompile_address(0xff), rev));
        EXPECT_FALSE(is_precompile(precompile_address(0x101), rev));
        EXPECT_FALSE(is_precompile(precompile_address(0x200), rev));
        EXPECT_FALSE(is_precompile(precompile_address(0xffff), rev));
        // A nonzero byte anywhere above the low two disqualifies the address.
        for (size_t i = 0; i < 18; ++i) {
            Address a = precompile_address(0x01);
            a[i] = 1;
            EXPECT_FALSE(is_precompile(a, rev)) << i;
        }
        EXPECT_FALSE(is_precompile("0xffffffffffffffffffffffffffffffffffffffff"_addr, rev));
    }
}

TEST(PrecompileTable, AddressEncoding)
{
    EXPECT_EQ(precompile_address(0x01), "0x0000000000000000000000000000000000000001"_addr);
    EXPECT_EQ(precompile_address(0x100), "0x0000000000000000000000000000000000000100"_addr);
    EXPECT_EQ(precompile_address(0x11), "0x0000000000000000000000000000000000000011"_addr);
}

}  // namespace
