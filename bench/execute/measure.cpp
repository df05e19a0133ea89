// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "measure.hpp"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <ultra/core/types/block.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/execute/abi.hpp>
#include <ultra/execute/trace.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/stateless/state_root.hpp>
#include <ultra/stateless/witness.hpp>
#include <ultra/stateless/witness_state_view.hpp>
#include <utility>
#include <vector>

namespace ultra::bench {
namespace {

double thread_cpu_now() noexcept
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double wall_now() noexcept
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

Seconds operator-(const Seconds& a, const Seconds& b) noexcept
{
    return {a.cpu - b.cpu, a.wall - b.wall};
}

Seconds operator+(const Seconds& a, const Seconds& b) noexcept
{
    return {a.cpu + b.cpu, a.wall + b.wall};
}

/// Laps of the thread's CPU time and the wall time.
class Stopwatch
{
public:
    Stopwatch() noexcept : last_{now()} {}

    /// The time since the previous lap (or construction).
    Seconds lap() noexcept
    {
        const Seconds t = now();
        const Seconds d = t - last_;
        last_ = t;
        return d;
    }

private:
    static Seconds now() noexcept { return {thread_cpu_now(), wall_now()}; }
    Seconds last_;
};

/// stateless::validate_block()'s root provider (compute_post_state_root() over the witness
/// view), with the time it takes.
class TimedRoots final : public execution::StateRootProvider
{
public:
    explicit TimedRoots(const stateless::WitnessStateView& view) noexcept : view_{view} {}

    Result<Hash256, state::StateError> state_root(const state::StateDiff& diff) override
    {
        Stopwatch w;
        auto root = stateless::compute_post_state_root(view_, diff);
        spent_ = spent_ + w.lap();
        if (!root) return unexpected(state::StateError::kMissingData);
        return *root;
    }

    [[nodiscard]] const Seconds& spent() const noexcept { return spent_; }

private:
    const stateless::WitnessStateView& view_;
    Seconds spent_;
};

/// One run of verify()'s work in phases: the steps of execute::verify() (the ABI and the
/// trace) and of stateless::validate_block() (the witness headers, the witness view,
/// state_transition() with the post-state root on the witness tries), without verify()'s cheap
/// rule 2-4 comparisons.
Result<Split, std::string> run_split(BytesView bytes, const execute::VerifyContext& ctx)
{
    Split s;
    Stopwatch w;
    auto input = execute::decode_input(bytes);
    if (!input) return unexpected("decode_input: " + execute::to_string(input.error()));
    auto trace = execute::decode_trace(input->trace);
    if (!trace) return unexpected("decode_trace: " + execute::to_string(trace.error()));
    const auto hashes = stateless::WitnessBlockHashes::make(trace->witness.headers);
    if (!hashes || hashes->last() == nullptr)
        return unexpected(std::string{"the witness headers are not a chain"});
    const BlockHeader& parent = *hashes->last();
    s.decode = w.lap();

    const stateless::WitnessStateView view{trace->witness, parent.state_root};
    s.trie = w.lap();

    const ChainConfig config = execute::l2_chain_config(ctx.l1_config, ctx.rev, input->chain_id);
    Block block;
    block.header = std::move(trace->header);
    block.transactions = std::move(trace->transactions);
    if (ctx.rev >= Revision::kShanghai) block.withdrawals.emplace();  // EIP-4895: none on L2
    TimedRoots roots{view};
    const stateless::WitnessReads reads{view};  // as validate_block() reads
    const execution::ChainContext chain{config,
                                        parent,
                                        std::nullopt,
                                        {},
                                        reads,
                                        roots,
                                        *hashes,
                                        ctx.l2_precompiles,
                                        execution::kMainnetDepositContractAddress,
                                        true};
    const auto result = execution::state_transition(chain, block);
    const Seconds transition = w.lap();
    if (!result) return unexpected("state_transition: " + result.error().to_string());
    if (result->state_root != block.header.state_root)
        return unexpected(std::string{"the split run reached another state root"});
    s.root = roots.spent();
    s.execution = transition - roots.spent();
    return s;
}

/// The median of `v` (the mean of the two middle values for an even count).
double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    if (n == 0) return 0;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Seconds median(const std::vector<Seconds>& v)
{
    std::vector<double> cpu;
    std::vector<double> wall;
    for (const Seconds& s : v) {
        cpu.push_back(s.cpu);
        wall.push_back(s.wall);
    }
    return {median(std::move(cpu)), median(std::move(wall))};
}

}  // namespace

Seconds Split::total() const noexcept
{
    return decode + trie + execution + root;
}

double Measurement::mgas_per_cpu_second() const noexcept
{
    return verify.cpu > 0 ? static_cast<double>(gas_used) / 1e6 / verify.cpu : 0;
}

double Measurement::mgas_per_wall_second() const noexcept
{
    return verify.wall > 0 ? static_cast<double>(gas_used) / 1e6 / verify.wall : 0;
}

double Measurement::witness_bytes_per_mgas() const noexcept
{
    return gas_used > 0 ? static_cast<double>(witness_bytes) * 1e6 / static_cast<double>(gas_used)
                        : 0;
}

Result<Measurement, std::string> measure(BytesView input,
                                         const execute::VerifyContext& ctx,
                                         unsigned repetitions)
{
    // A benchmark of a wrong answer is worthless: the input must verify first.
    const auto checked = execute::verify(input, ctx);
    if (!checked) return unexpected("verify: " + execute::to_string(checked.error()));

    Measurement m;
    const auto decoded = execute::decode_input(input);
    if (!decoded) return unexpected(std::string{"the input does not decode"});
    const auto trace = execute::decode_trace(decoded->trace);
    if (!trace) return unexpected(std::string{"the trace does not decode"});
    m.gas_used = decoded->gas_used;
    m.transactions = trace->transactions.size();
    m.input_bytes = input.size();
    m.trace_bytes = decoded->trace.size();
    m.witness_bytes = stateless::encode_witness(trace->witness).size();
    m.nodes = trace->witness.state.size();
    for (const Bytes& n : trace->witness.state) m.node_bytes += n.size();
    m.codes = trace->witness.codes.size();
    for (const Bytes& c : trace->witness.codes) m.code_bytes += c.size();
    for (const Bytes& h : trace->witness.headers) m.header_bytes += h.size();

    m.repetitions = std::max(repetitions, 1u);
    std::vector<Seconds> verify_times;
    std::vector<Seconds> decode;
    std::vector<Seconds> trie;
    std::vector<Seconds> execution;
    std::vector<Seconds> root;
    for (unsigned i = 0; i < m.repetitions; ++i) {
        Stopwatch w;
        const auto r = execute::verify(input, ctx);
        verify_times.push_back(w.lap());
        if (!r) return unexpected("verify changed its answer: " + execute::to_string(r.error()));

        const auto s = run_split(input, ctx);
        if (!s) return unexpected(s.error());
        decode.push_back(s->decode);
        trie.push_back(s->trie);
        execution.push_back(s->execution);
        root.push_back(s->root);
    }
    m.verify = median(verify_times);
    std::vector<Seconds> senders;
    for (unsigned i = 0; i < m.repetitions; ++i) {
        Stopwatch w;
        for (const Transaction& tx : trace->transactions) {
            const auto sender = recover_sender(tx);
            if (!sender) return unexpected(std::string{"a sender does not recover"});
        }
        senders.push_back(w.lap());
    }
    m.split = Split{median(decode), median(trie), median(execution), median(root), median(senders)};
    const auto [lo, hi] =
        std::minmax_element(verify_times.begin(), verify_times.end(),
                            [](const Seconds& a, const Seconds& b) { return a.cpu < b.cpu; });
    m.verify_spread = m.verify.cpu > 0 ? (hi->cpu - lo->cpu) / m.verify.cpu : 0;
    return m;
}

}  // namespace ultra::bench
