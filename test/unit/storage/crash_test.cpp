// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
// kill -9 at a random moment: a writer process commits blocks in a loop and reports each
// commit on a pipe; the test kills it with SIGKILL at a random point (often in the middle of a
// commit), reopens the datadir and checks that every reported block is there, complete and
// consistent, and that the head's state is whole. Then it lets a new writer continue the same
// datadir, and kills that one too.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <ultra/core/hex.hpp>
#include <utils/fixtures.hpp>

#include "crash_chain.hpp"

namespace ultra::storage {
namespace {

// Runs the writer on `dir` until it has reported `reports` commits, waits `delay_us`, kills it
// with SIGKILL, and returns the highest block number it reported.
std::optional<uint64_t> run_and_kill(const std::string& dir,
                                     uint64_t seed,
                                     size_t reports,
                                     unsigned delay_us)
{
    int fds[2];
    if (::pipe(fds) != 0) {
        ADD_FAILURE() << "pipe failed";
        return std::nullopt;
    }
    const std::string seed_arg = std::to_string(seed);
    const std::string fd_arg = std::to_string(fds[1]);
    const pid_t pid = ::fork();
    if (pid < 0) {
        ADD_FAILURE() << "fork failed";
        return std::nullopt;
    }
    if (pid == 0) {
        ::close(fds[0]);
        ::execl(ULTRA_CRASH_WRITER, ULTRA_CRASH_WRITER, dir.c_str(), seed_arg.c_str(),
                fd_arg.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);

    std::optional<uint64_t> last;
    size_t seen = 0;
    uint8_t buf[8];
    size_t have = 0;
    bool killed = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (true) {
        if (!killed && seen >= reports) {
            std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
            ::kill(pid, SIGKILL);
            killed = true;
        }
        pollfd p{fds[0], POLLIN, 0};
        if (::poll(&p, 1, 1000) == 0) {
            if (std::chrono::steady_clock::now() > deadline && !killed) {
                ::kill(pid, SIGKILL);
                killed = true;
                ADD_FAILURE() << "the writer made no progress";
            }
            continue;
        }
        const ssize_t n = ::read(fds[0], buf + have, sizeof buf - have);
        if (n <= 0) break;  // EOF: the writer is gone (reports written before death were read)
        have += static_cast<size_t>(n);
        if (have == sizeof buf) {
            uint64_t number = 0;
            std::memcpy(&number, buf, sizeof number);
            last = number;
            ++seen;
            have = 0;
        }
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the writer ended by itself with status " << status;
    return last;
}

TEST(ChainStoreCrash, KillNineLosesNoReportedBlock)
{
    test::TempDir tmp;
    const std::string dir = (tmp.path() / "datadir").string();
    const uint64_t seed = 2026;
    std::random_device entropy;
    std::mt19937_64 rng{entropy()};

    // The expected state after each block, regenerated from the seed as far as needed.
    test::CrashChain model{seed};
    std::vector<state::InMemoryState> states{model.state()};
    std::set<Address> all;
    auto states_up_to = [&](uint64_t n) {
        while (states.size() <= n) {
            (void)model.next_diff();
            states.push_back(model.state());
        }
        for (const auto& s : states)
            for (const auto& [addr, acc] : s.accounts()) all.insert(addr);
    };

    uint64_t last_reported = 0;
    const uint64_t rounds = std::max<uint64_t>(2, ultra::test::scaled(4));
    for (uint64_t round = 0; round < rounds; ++round) {
        const size_t reports = 1 + rng() % 25;
        const unsigned delay_us = static_cast<unsigned>(rng() % 4000);
        SCOPED_TRACE("round " + std::to_string(round) + ": killed after " +
                     std::to_string(reports) + " reports + " + std::to_string(delay_us) + " us");
        const auto reported = run_and_kill(dir, seed, reports, delay_us);
        ASSERT_TRUE(reported.has_value()) << "the writer reported nothing";
        ASSERT_GE(*reported, last_reported);
        last_reported = *reported;

        auto opened = ChainStore::open(dir, model.id());
        ASSERT_TRUE(opened.has_value()) << opened.error().message;
        ChainStore& store = **opened;
        const auto head = store.head();
        ASSERT_TRUE(head.has_value());
        // Every reported block is there; at most one more (committed, killed before reporting).
        EXPECT_GE(head->number, last_reported);
        EXPECT_LE(head->number, last_reported + 1);
        states_up_to(head->number);

        for (uint64_t n = 0; n <= head->number; ++n) {
            const auto hash = store.canonical_hash(n).value();
            ASSERT_TRUE(hash.has_value()) << "block " << n;
            const auto block = store.block(*hash).value();
            ASSERT_TRUE(block.has_value()) << "block " << n;
            EXPECT_EQ(block->header.number, n);
            EXPECT_EQ(block->header.state_root, states[n].state_root()) << "block " << n;
            EXPECT_TRUE(store.has_state(block->header.state_root).value()) << "block " << n;
            const auto receipts = store.receipts(*hash).value();
            ASSERT_TRUE(receipts.has_value()) << "block " << n;
            ASSERT_EQ(receipts->receipts.size(), block->transactions.size());
            for (size_t i = 0; i < block->transactions.size(); ++i) {
                const auto loc =
                    store.tx_location(transaction_hash(block->transactions[i])).value();
                ASSERT_TRUE(loc.has_value());
                EXPECT_EQ(*loc, (TxLocation{*hash, n, static_cast<uint32_t>(i)}));
            }
        }
        EXPECT_FALSE(store.canonical_hash(head->number + 1).value().has_value());
        EXPECT_EQ(head->state_root, states[head->number].state_root());
        // The flat state is exactly the head's state.
        EXPECT_EQ(store.flat_state_root().value_or(Hash256{}), head->state_root);
        const auto view = store.state_view_at_head();
        const state::InMemoryState& expected = states[head->number];
        for (const Address& addr : all) {
            const auto acc = view->account(addr).value();
            const auto* e = expected.find(addr);
            ASSERT_EQ(acc.has_value(), e != nullptr) << to_0x_hex(addr);
            if (e != nullptr) {
                EXPECT_EQ(*acc, e->info());
            }
        }
        last_reported = head->number;  // the next writer continues from the head
    }
}

}  // namespace
}  // namespace ultra::storage
