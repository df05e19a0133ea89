// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

/// The BN254 (alt_bn128) library: fields (bn254_fields.hpp), G1/G2 groups (bn254_curve.hpp),
/// the GLV endomorphism (bn254_glv.hpp) and the optimal ate pairing (bn254_pairing.hpp).
#include <ultra/crypto/bn254_curve.hpp>
#include <ultra/crypto/bn254_fields.hpp>
#include <ultra/crypto/bn254_glv.hpp>
#include <ultra/crypto/bn254_pairing.hpp>
