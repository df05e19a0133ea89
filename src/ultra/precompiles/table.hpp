// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <span>

#include "blake2f.hpp"
#include "bls12_381_precompiles.hpp"
#include "bn254_precompiles.hpp"
#include "ecrecover.hpp"
#include "hash_precompiles.hpp"
#include "modexp.hpp"
#include "p256verify.hpp"
#include "point_evaluation.hpp"
#include "precompile.hpp"

// ---- PAIRING-BASED PRECOMPILES: wired by the lead once the curve engineers' files exist ----
namespace ultra::precompiles {

/// Every stateless precompile, in address order, each with the revision that introduced it.
/// The execution layer builds its injectable PrecompileSet from this list (GUIDE.md rule 8).
inline constexpr std::array kPrecompiles{
    Precompile{0x01, Revision::kFrontier, "ECRECOVER", ecrecover_gas, ecrecover_execute},
    Precompile{0x02, Revision::kFrontier, "SHA256", sha256_gas, sha256_execute},
    Precompile{0x03, Revision::kFrontier, "RIPEMD160", ripemd160_gas, ripemd160_execute},
    Precompile{0x04, Revision::kFrontier, "IDENTITY", identity_gas, identity_execute},
    Precompile{0x05, Revision::kByzantium, "MODEXP", modexp_gas, modexp_execute},  // EIP-198
    Precompile{0x06, Revision::kByzantium, "ECADD", bn254_add_gas, bn254_add_execute},
    Precompile{0x07, Revision::kByzantium, "ECMUL", bn254_mul_gas, bn254_mul_execute},
    Precompile{0x08, Revision::kByzantium, "ECPAIRING", bn254_pairing_gas,
               bn254_pairing_execute},                                               // EIP-196/197
    Precompile{0x09, Revision::kIstanbul, "BLAKE2F", blake2f_gas, blake2f_execute},  // EIP-152
    Precompile{0x0a, Revision::kCancun, "POINT_EVALUATION", point_evaluation_gas,
               point_evaluation_execute},  // EIP-4844
    Precompile{0x0b, Revision::kPrague, "BLS12_G1ADD", bls12_g1add_gas, bls12_g1add_execute},
    Precompile{0x0c, Revision::kPrague, "BLS12_G1MSM", bls12_g1msm_gas, bls12_g1msm_execute},
    Precompile{0x0d, Revision::kPrague, "BLS12_G2ADD", bls12_g2add_gas, bls12_g2add_execute},
    Precompile{0x0e, Revision::kPrague, "BLS12_G2MSM", bls12_g2msm_gas, bls12_g2msm_execute},
    Precompile{0x0f, Revision::kPrague, "BLS12_PAIRING_CHECK", bls12_pairing_check_gas,
               bls12_pairing_check_execute},
    Precompile{0x10, Revision::kPrague, "BLS12_MAP_FP_TO_G1", bls12_map_fp_to_g1_gas,
               bls12_map_fp_to_g1_execute},
    Precompile{0x11, Revision::kPrague, "BLS12_MAP_FP2_TO_G2", bls12_map_fp2_to_g2_gas,
               bls12_map_fp2_to_g2_execute},  // EIP-2537
    Precompile{0x100, Revision::kOsaka, "P256VERIFY", p256verify_gas,
               p256verify_execute},  // EIP-7951
};

/// The precompile at `addr` if it is one under `rev`, else nullptr. Constant time: the address
/// must be 18 zero bytes followed by a known 16-bit number whose `since` is ≤ rev.
[[nodiscard]] const Precompile* find_precompile(const Address& addr, Revision rev) noexcept;

/// True when `addr` is a precompile under `rev` (EIP-2929 pre-warms exactly these addresses).
[[nodiscard]] inline bool is_precompile(const Address& addr, Revision rev) noexcept
{
    return find_precompile(addr, rev) != nullptr;
}

/// Every entry of kPrecompiles, whatever its `since`: callers filter by revision (or use
/// find_precompile).
[[nodiscard]] constexpr std::span<const Precompile> all_precompiles() noexcept
{
    return kPrecompiles;
}

/// The 20-byte address of a precompile number (0x01 → 0x00..01, 0x100 → 0x00..0100).
[[nodiscard]] constexpr Address precompile_address(uint16_t number) noexcept
{
    Address a;
    a.bytes[18] = static_cast<uint8_t>(number >> 8);
    a.bytes[19] = static_cast<uint8_t>(number);
    return a;
}

}  // namespace ultra::precompiles
