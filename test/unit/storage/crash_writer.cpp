// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
// The writer process of the crash test (crash_test.cpp): opens the datadir, commits the genesis
// if the store is empty, then commits the blocks of CrashChain one after the other, writing
// each committed block number (8 bytes, native order) to the file descriptor it is given,
// until it is killed. Usage: ultra_storage_crash_writer DATADIR SEED FD
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "crash_chain.hpp"

namespace {

bool report(int fd, uint64_t number)
{
    return ::write(fd, &number, sizeof number) == static_cast<ssize_t>(sizeof number);
}

}  // namespace

int main(int argc, char** argv)
{
    using namespace ultra;
    using namespace ultra::storage;
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s DATADIR SEED FD\n", argv[0]);
        return 2;
    }
    const uint64_t seed = std::strtoull(argv[2], nullptr, 10);
    const int fd = std::atoi(argv[3]);
    test::CrashChain chain{seed};
    auto opened = ChainStore::open(argv[1], chain.id());
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.error().message.c_str());
        return 3;
    }
    ChainStore& store = **opened;
    if (!store.head()) {
        const auto g = store.commit_genesis(chain.genesis(), chain.state());
        if (!g) {
            std::fprintf(stderr, "%s\n", g.error().message.c_str());
            return 4;
        }
    } else {
        for (uint64_t n = 0; n < store.head()->number; ++n) (void)chain.next_diff();
    }
    if (!report(fd, store.head()->number)) return 5;

    BlockHeader parent = store.header(store.head()->hash).value().value();
    std::mt19937_64 rng{seed ^ (parent.number + 1)};
    for (int i = 0; i < 100000; ++i) {
        const state::StateDiff diff = chain.next_diff();
        const test::TestBlock b = test::make_block(rng, store, parent, diff, 2);
        const auto committed = store.commit_block(b.block, b.receipts, b.diff, b.nodes);
        if (!committed) {
            std::fprintf(stderr, "%s\n", committed.error().message.c_str());
            return 6;
        }
        if (!report(fd, b.block.header.number)) return 7;
        parent = b.block.header;
    }
    return 0;
}
