// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "precompile_set.hpp"

#include <ultra/precompiles/table.hpp>

namespace ultra::execution {
namespace {
Address address_of(uint16_t low) noexcept
{
    Address a;
    a[18] = static_cast<uint8_t>(low >> 8);
    a[19] = static_cast<uint8_t>(low);
    return a;
}
}  // namespace

bool StandardPrecompiles::is_precompile(const Address& addr, Revision rev) const noexcept
{
    return precompiles::find_precompile(addr, rev) != nullptr;
}

void StandardPrecompiles::for_each(Revision rev,
                                   void (*fn)(const Address&, void*),
                                   void* ctx) const noexcept
{
    for (const auto& p : precompiles::kPrecompiles)
        if (rev >= p.since) fn(address_of(p.address), ctx);
}

evm::CallResult StandardPrecompiles::run(const evm::Message& msg,
                                         Revision rev,
                                         state::State& /*state*/) const noexcept
{
    const auto* p = precompiles::find_precompile(msg.code_address, rev);
    ULTRA_ASSERT(p != nullptr);
    evm::CallResult r;
    const uint64_t cost = p->gas(msg.input, rev);
    if (msg.gas < 0 || cost > static_cast<uint64_t>(msg.gas)) {
        r.status = evm::StatusCode::kOutOfGas;
        return r;
    }
    auto out = p->execute(msg.input, rev);
    if (!out) {
        r.status = evm::StatusCode::kPrecompileFailure;
        return r;
    }
    r.gas_left = msg.gas - static_cast<int64_t>(cost);
    r.output = std::move(*out);
    return r;
}

}  // namespace ultra::execution
