// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <ultra/evm/tracing.hpp>

#include "evm_test_helpers.hpp"

using namespace ultra;
using namespace ultra::evm;
using namespace ultra::evm::test;

namespace {
struct Step
{
    int32_t depth;
    uint32_t pc;
    uint8_t op;
    int64_t gas_left;
    std::vector<uint256> stack;
    size_t memory_size;
};

class RecordingTracer : public Tracer
{
public:
    std::vector<Step> steps;
    std::vector<StatusCode> ends;
    int starts = 0;

    void on_execution_start(const Message&, BytesView) noexcept override { ++starts; }
    void on_instruction(const Message& msg,
                        uint32_t pc,
                        uint8_t op,
                        int64_t gas_left,
                        std::span<const uint256> stack,
                        BytesView memory) noexcept override
    {
        steps.push_back({msg.depth, pc, op, gas_left, {stack.begin(), stack.end()}, memory.size()});
    }
    void on_execution_end(const Message&, const CallResult& result) noexcept override
    {
        ends.push_back(result.status);
    }
};
}  // namespace

TEST_F(EvmTest, tracer_sees_every_instruction)
{
    RecordingTracer tracer;
    vm.set_tracer(&tracer);
    execute(1000, push(1) + push(2) + OP_ADD + push(0) + OP_MSTORE + OP_STOP);
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    EXPECT_EQ(gas_used, 3 + 3 + 3 + 3 + 3 + 3);  // tracing does not change gas
    ASSERT_EQ(tracer.steps.size(), 6u);
    const uint32_t pcs[] = {0, 2, 4, 5, 7, 8};
    const uint8_t ops[] = {OP_PUSH1, OP_PUSH1, OP_ADD, OP_PUSH1, OP_MSTORE, OP_STOP};
    const int64_t gas[] = {1000, 997, 994, 991, 988, 982};
    const size_t heights[] = {0, 1, 2, 1, 2, 0};
    for (size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(tracer.steps[i].pc, pcs[i]);
        EXPECT_EQ(tracer.steps[i].op, ops[i]);
        EXPECT_EQ(tracer.steps[i].gas_left, gas[i]);
        EXPECT_EQ(tracer.steps[i].stack.size(), heights[i]);
    }
    EXPECT_EQ(tracer.steps[3].stack[0], 3);  // 1 + 2
    EXPECT_EQ(tracer.steps[4].stack[1], 0);  // the offset is on top
    EXPECT_EQ(tracer.steps[5].memory_size, 32u);
    EXPECT_EQ(tracer.starts, 1);
    ASSERT_EQ(tracer.ends.size(), 1u);
    EXPECT_EQ(tracer.ends[0], StatusCode::kSuccess);

    // Nested frames on the same Vm are traced with their depth; a failing one is reported.
    tracer = RecordingTracer{};
    const Bytes callee = op(OP_INVALID);
    host.on_call = [this, &callee](const Message& m) {
        return evm::execute(vm, host, rev, m, callee);
    };
    execute(call(OP_CALL, 100, addr(9)));
    EXPECT_EQ(tracer.starts, 2);
    ASSERT_EQ(tracer.ends.size(), 2u);
    EXPECT_EQ(tracer.ends[0], StatusCode::kInvalidInstruction);
    EXPECT_EQ(tracer.ends[1], StatusCode::kSuccess);
    bool saw_depth_1 = false;
    for (const auto& s : tracer.steps) saw_depth_1 |= s.depth == 1 && s.op == OP_INVALID;
    EXPECT_TRUE(saw_depth_1);

    vm.set_tracer(nullptr);
    tracer = RecordingTracer{};
    execute(push(1));
    EXPECT_TRUE(tracer.steps.empty());
}
