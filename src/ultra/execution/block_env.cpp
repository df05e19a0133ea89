// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "block_env.hpp"

namespace ultra::execution {

uint256 fake_exponential(const uint256& factor,
                         const uint256& numerator,
                         const uint256& denominator) noexcept
{
    uint256 i = 1;
    uint256 output = 0;
    uint256 numerator_accum = factor * denominator;
    while (numerator_accum > 0) {
        output += numerator_accum;
        numerator_accum = (numerator_accum * numerator) / (denominator * i);
        ++i;
    }
    return output / denominator;
}

uint256 blob_base_fee(uint64_t excess_blob_gas, uint64_t update_fraction) noexcept
{
    constexpr uint64_t kMinBaseFeePerBlobGas = 1;
    return fake_exponential(kMinBaseFeePerBlobGas, excess_blob_gas, update_fraction);
}

}  // namespace ultra::execution
