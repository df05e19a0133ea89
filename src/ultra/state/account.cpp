// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "account.hpp"

#include <algorithm>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/core/types/rlp_u256.hpp>

namespace ultra::state {

std::string_view to_string(StateError e) noexcept
{
    switch (e) {
        case StateError::kMissingData: return "missing state data";
        case StateError::kStorageFailure: return "state storage failure";
    }
    return "unknown state error";
}

Bytes encode_account(const AccountInfo& info, const Hash256& storage_root)
{
    Bytes fields;
    rlp::encode(fields, info.nonce);
    rlp::encode_u256(fields, info.balance);
    rlp::encode(fields, storage_root);
    rlp::encode(fields, info.code_hash);
    return rlp::wrap_list(fields);
}

rlp::DecodingResult<DecodedAccount> decode_account(BytesView encoded) noexcept
{
    ULTRA_TRY(BytesView fields, rlp::decode_list(encoded));
    ULTRA_TRY_VOID(rlp::expect_end(encoded));
    DecodedAccount a;
    ULTRA_TRY(a.info.nonce, rlp::decode_uint64(fields));
    ULTRA_TRY(a.info.balance, rlp::decode_u256(fields));
    ULTRA_TRY(a.storage_root, rlp::decode_fixed<32>(fields));
    ULTRA_TRY(a.info.code_hash, rlp::decode_fixed<32>(fields));
    if (!fields.empty()) return unexpected(rlp::DecodingError::kListLengthMismatch);
    return a;
}

Bytes encode_storage_value(const Bytes32& value)
{
    ULTRA_ASSERT(!value.is_zero());
    size_t skip = 0;
    while (value[skip] == 0) ++skip;
    Bytes out;
    rlp::encode(out, BytesView{value.data() + skip, 32 - skip});
    return out;
}

rlp::DecodingResult<Bytes32> decode_storage_value(BytesView encoded) noexcept
{
    ULTRA_TRY(const BytesView be, rlp::decode_uint_bytes(encoded, 32));
    ULTRA_TRY_VOID(rlp::expect_end(encoded));
    if (be.empty()) return unexpected(rlp::DecodingError::kInvalidValue);  // zero is absent
    Bytes32 v;
    std::copy(be.begin(), be.end(), v.data() + 32 - be.size());
    return v;
}

}  // namespace ultra::state
