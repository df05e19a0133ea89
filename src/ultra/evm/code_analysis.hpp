// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <ultra/core/bytes.hpp>
#include <vector>

namespace ultra::evm {

/// Code prepared for the interpreter: a copy padded with kCodePadding zero bytes, so that the
/// loop never checks bounds (the last PUSH32 reads zeros and then meets STOP), and a bitmap of
/// the valid JUMPDEST positions (JUMPDEST opcodes that are not PUSH data, YP §9.4.3).
///
/// Analysing is O(code size). A host that runs the same code often may keep CodeAnalysis
/// objects keyed by code hash and pass them to execute(); analyse() reuses the buffers.
class CodeAnalysis
{
public:
    /// Zero bytes appended after the code: 32 immediate bytes of a final PUSH32 plus a STOP.
    static constexpr size_t kCodePadding = 33;

    /// Empty code.
    CodeAnalysis() { analyze({}); }

    /// Analyses `code`.
    explicit CodeAnalysis(BytesView code) { analyze(code); }

    /// Replaces the analysed code by `code`, reusing the allocated buffers.
    void analyze(BytesView code);

    /// The code followed by kCodePadding zero bytes.
    [[nodiscard]] const uint8_t* padded_code() const noexcept { return padded_.data(); }

    /// The original code (without padding).
    [[nodiscard]] BytesView code() const noexcept { return {padded_.data(), size_}; }

    /// The original code size.
    [[nodiscard]] size_t code_size() const noexcept { return size_; }

    /// True when `pos` is a JUMPDEST instruction (not PUSH data) inside the code.
    [[nodiscard]] bool is_jumpdest(uint64_t pos) const noexcept
    {
        return pos < size_ && ((jumpdests_[pos / 64] >> (pos % 64)) & 1) != 0;
    }

private:
    Bytes padded_;
    std::vector<uint64_t> jumpdests_;
    size_t size_ = 0;
};

}  // namespace ultra::evm
