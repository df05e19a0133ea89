// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "point_evaluation.hpp"

#include <ultra/crypto/kzg.hpp>
#include <ultra/crypto/sha256.hpp>

namespace ultra::precompiles {

namespace {

constexpr uint64_t kPointEvaluationGas = 50000;
constexpr size_t kInputLen = 192;
constexpr uint8_t kVersionedHashVersionKzg = 0x01;

}  // namespace

uint64_t point_evaluation_gas(BytesView /*input*/, Revision /*rev*/) noexcept
{
    return kPointEvaluationGas;
}

PrecompileResult point_evaluation_execute(BytesView input, Revision /*rev*/) noexcept
{
    if (input.size() != kInputLen) return unexpected(PrecompileError::kInvalidInput);
    const uint8_t* in = input.data();
    const std::span<const uint8_t, 32> z(in + 32, 32);
    const std::span<const uint8_t, 32> y(in + 64, 32);
    const std::span<const uint8_t, 48> commitment(in + 96, 48);
    const std::span<const uint8_t, 48> proof(in + 144, 48);

    // kzg_to_versioned_hash(commitment) = VERSIONED_HASH_VERSION_KZG ‖ sha256(commitment)[1:]
    const Hash256 digest = crypto::sha256(BytesView(commitment.data(), commitment.size()));
    if (in[0] != kVersionedHashVersionKzg) return unexpected(PrecompileError::kInvalidInput);
    for (size_t i = 1; i < 32; ++i)
        if (in[i] != digest.bytes[i]) return unexpected(PrecompileError::kInvalidInput);

    const auto ok = crypto::kzg::verify_kzg_proof(commitment, z, y, proof);
    if (!ok || !*ok) return unexpected(PrecompileError::kInvalidInput);

    Bytes out(64, 0);
    out[30] = static_cast<uint8_t>(crypto::kzg::kFieldElementsPerBlob >> 8);  // 4096 = 0x1000
    out[31] = static_cast<uint8_t>(crypto::kzg::kFieldElementsPerBlob & 0xff);
    for (size_t i = 0; i < 32; ++i) out[32 + i] = crypto::kzg::kBlsModulusBytes[i];
    return out;
}

}  // namespace ultra::precompiles
