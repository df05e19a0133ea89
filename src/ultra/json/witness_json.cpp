// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "witness_json.hpp"

#include <array>
#include <ultra/core/hex.hpp>
#include <vector>

namespace ultra::json {
namespace {

/// One of the witness's arrays: its JSON name, where it lives in the witness, and its limits.
struct ArraySpec
{
    const char* name;
    std::vector<Bytes> stateless::ExecutionWitness::*member;
    bool required;
    bool allow_empty_entry;
    size_t max_count;
    size_t max_entry_size;
};

constexpr size_t kUnlimited = ~size_t{0};

/// The witness's arrays.
constexpr std::array<ArraySpec, 4> kArrays{{
    {"state", &stateless::ExecutionWitness::state, true, false, stateless::kMaxWitnessNodes,
     stateless::kMaxWitnessNodeSize},
    {"codes", &stateless::ExecutionWitness::codes, true, false, stateless::kMaxWitnessCodes,
     stateless::kMaxWitnessCodeSize},
    {"keys", &stateless::ExecutionWitness::keys, false, true, kUnlimited, kUnlimited},
    {"headers", &stateless::ExecutionWitness::headers, true, false, stateless::kMaxWitnessHeaders,
     stateless::kMaxWitnessHeaderSize},
}};

WitnessJsonError error(std::string field, std::optional<size_t> index, std::string what)
{
    return WitnessJsonError{std::move(field), index, std::move(what)};
}

/// One entry: "0x" and an even number of hex digits.
Result<Bytes, WitnessJsonError> read_entry(const ArraySpec& spec,
                                           size_t index,
                                           const nlohmann::json& entry)
{
    if (!entry.is_string())
        return unexpected(error(spec.name, index,
                                std::string{"expected a hex string, got "} + entry.type_name()));
    const auto& text = entry.get_ref<const std::string&>();
    if (text.size() < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        return unexpected(error(spec.name, index, "not a 0x-prefixed hex string"));
    if (text.size() % 2 != 0)
        return unexpected(error(spec.name, index, "odd number of hex digits"));
    auto bytes = from_hex(text);
    if (!bytes) {
        const size_t bad = text.find_first_not_of("0123456789abcdefABCDEF", 2);
        std::string what = "invalid hex digit '";
        what += text[bad];
        what += "' at position ";
        what += std::to_string(bad);
        return unexpected(error(spec.name, index, std::move(what)));
    }
    if (bytes->empty() && !spec.allow_empty_entry)
        return unexpected(error(spec.name, index, "empty entry"));
    if (bytes->size() > spec.max_entry_size)
        return unexpected(error(spec.name, index,
                                std::to_string(bytes->size()) + " bytes, at most " +
                                    std::to_string(spec.max_entry_size)));
    return std::move(*bytes);
}

}  // namespace

std::string WitnessJsonError::to_string() const
{
    std::string out = field;
    if (index) {
        out += '[';
        out += std::to_string(*index);
        out += ']';
    }
    if (!out.empty()) out += ": ";
    out += what;
    return out;
}

nlohmann::json to_json(const stateless::ExecutionWitness& witness)
{
    nlohmann::json j = nlohmann::json::object();
    for (const auto& spec : kArrays) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& entry : witness.*spec.member) list.push_back(to_0x_hex(entry));
        j[spec.name] = std::move(list);
    }
    return j;
}

Result<stateless::ExecutionWitness, WitnessJsonError> witness_from_json(const nlohmann::json& j)
{
    if (!j.is_object())
        return unexpected(
            error({}, std::nullopt, std::string{"expected a JSON object, got "} + j.type_name()));
    for (const auto& [key, value] : j.items()) {
        bool known = false;
        for (const auto& spec : kArrays) known = known || key == spec.name;
        if (!known)
            return unexpected(
                error(key, std::nullopt,
                      "unknown field (expected \"state\", \"codes\", \"keys\" and \"headers\")"));
    }

    stateless::ExecutionWitness witness;
    for (const auto& spec : kArrays) {
        const auto it = j.find(spec.name);
        if (it == j.end()) {
            if (spec.required) return unexpected(error(spec.name, std::nullopt, "missing field"));
            continue;
        }
        if (!it->is_array())
            return unexpected(error(spec.name, std::nullopt,
                                    std::string{"expected an array, got "} + it->type_name()));
        if (it->size() > spec.max_count)
            return unexpected(error(spec.name, std::nullopt,
                                    std::to_string(it->size()) + " entries, at most " +
                                        std::to_string(spec.max_count)));
        auto& out = witness.*spec.member;
        out.reserve(it->size());
        for (size_t i = 0; i < it->size(); ++i) {
            ULTRA_TRY(Bytes entry, read_entry(spec, i, (*it)[i]));
            out.push_back(std::move(entry));
        }
    }
    return witness;
}

Result<stateless::ExecutionWitness, WitnessJsonError> witness_from_json_text(std::string_view text)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        return unexpected(
            error({}, std::nullopt,
                  "malformed JSON at byte " + std::to_string(e.byte) + ": " + e.what()));
    }
    return witness_from_json(j);
}

}  // namespace ultra::json
