// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "code_analysis.hpp"

#include "opcodes.hpp"

namespace ultra::evm {

void CodeAnalysis::analyze(BytesView code)
{
    size_ = code.size();
    padded_.clear();
    if (!code.empty()) padded_.append(code.data(), code.size());
    padded_.append(kCodePadding, uint8_t{0});

    jumpdests_.assign((size_ + 63) / 64, 0);
    const uint8_t* const p = code.data();
    for (size_t i = 0; i < size_; ++i) {
        const uint8_t op = p[i];
        if (op == OP_JUMPDEST)
            jumpdests_[i / 64] |= uint64_t{1} << (i % 64);
        else if (op >= OP_PUSH1 && op <= OP_PUSH32)
            i += static_cast<size_t>(op - OP_PUSH0);  // skip the immediate data
    }
}

}  // namespace ultra::evm
