// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice The part of ERC-20 the pair uses.
interface IBenchToken {
    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// @title BenchPair
/// @notice The constant-product pair of the EXECUTE benchmark's mixed block (bench/execute),
///         shaped like a Uniswap V2 pair used through a router in one call: the trader has
///         approved the pair; swap() pulls the input with transferFrom, prices it against the
///         reserves with a 0.3 % fee (x * y = k), sends the output, then reads both balances
///         back and stores them as the new reserves (packed in one slot), emitting Swap and Sync.
/// @dev The benchmark writes this contract's storage directly, so the layout is part of its
///      interface and must not change:
///        slot 0  token0
///        slot 1  token1
///        slot 2  reserve0 (bits 0-111) | reserve1 (bits 112-223) | blockTimestampLast (224-255)
///      No immutables: the benchmark installs the runtime code as it is.
contract BenchPair {
    address public token0;
    address public token1;
    uint112 private reserve0;
    uint112 private reserve1;
    uint32 private blockTimestampLast;

    event Swap(
        address indexed sender,
        uint256 amount0In,
        uint256 amount1In,
        uint256 amount0Out,
        uint256 amount1Out,
        address indexed to
    );
    event Sync(uint112 reserve0, uint112 reserve1);

    error InsufficientInputAmount();
    error InsufficientOutputAmount(uint256 amountOut, uint256 minOut);
    error InsufficientLiquidity();
    error TransferFailed();
    error Overflow();
    error KInvariant();

    constructor(address tokenA, address tokenB) {
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
    }

    function getReserves() external view returns (uint112, uint112, uint32) {
        return (reserve0, reserve1, blockTimestampLast);
    }

    /// @notice What swapping `amountIn` of the input token gives (Uniswap V2's getAmountOut).
    function getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut)
        public
        pure
        returns (uint256)
    {
        if (amountIn == 0) revert InsufficientInputAmount();
        if (reserveIn == 0 || reserveOut == 0) revert InsufficientLiquidity();
        uint256 amountInWithFee = amountIn * 997;
        return (amountInWithFee * reserveOut) / (reserveIn * 1000 + amountInWithFee);
    }

    /// @notice Swaps `amountIn` of token0 for token1 (`zeroForOne`) or the reverse, sending at
    ///         least `minOut` to `to`. The caller must have approved the pair for `amountIn`.
    function swap(bool zeroForOne, uint256 amountIn, uint256 minOut, address to)
        external
        returns (uint256 amountOut)
    {
        (uint112 r0, uint112 r1) = (reserve0, reserve1);
        amountOut = zeroForOne ? getAmountOut(amountIn, r0, r1) : getAmountOut(amountIn, r1, r0);
        if (amountOut < minOut) revert InsufficientOutputAmount(amountOut, minOut);
        if (amountOut >= (zeroForOne ? r1 : r0)) revert InsufficientLiquidity();
        _move(zeroForOne, amountIn, amountOut, to);
        _settle(zeroForOne, amountIn, r0, r1);
        if (zeroForOne) emit Swap(msg.sender, amountIn, 0, 0, amountOut, to);
        else emit Swap(msg.sender, 0, amountIn, amountOut, 0, to);
    }

    /// @dev Pulls the input from the caller and sends the output to `to`.
    function _move(bool zeroForOne, uint256 amountIn, uint256 amountOut, address to) private {
        (address tokenIn, address tokenOut) = zeroForOne ? (token0, token1) : (token1, token0);
        if (!IBenchToken(tokenIn).transferFrom(msg.sender, address(this), amountIn)) {
            revert TransferFailed();
        }
        if (!IBenchToken(tokenOut).transfer(to, amountOut)) revert TransferFailed();
    }

    /// @dev Reads both balances back, checks the fee-adjusted constant product against the old
    ///      reserves (as V2 does) and stores the balances as the new reserves.
    function _settle(bool zeroForOne, uint256 amountIn, uint112 r0, uint112 r1) private {
        uint256 balance0 = IBenchToken(token0).balanceOf(address(this));
        uint256 balance1 = IBenchToken(token1).balanceOf(address(this));
        uint256 adjusted0 = balance0 * 1000 - (zeroForOne ? amountIn * 3 : 0);
        uint256 adjusted1 = balance1 * 1000 - (zeroForOne ? 0 : amountIn * 3);
        if (adjusted0 * adjusted1 < uint256(r0) * r1 * 1_000_000) revert KInvariant();
        _update(balance0, balance1);
    }

    function _update(uint256 balance0, uint256 balance1) private {
        if (balance0 > type(uint112).max || balance1 > type(uint112).max) revert Overflow();
        reserve0 = uint112(balance0);
        reserve1 = uint112(balance1);
        blockTimestampLast = uint32(block.timestamp);
        emit Sync(reserve0, reserve1);
    }
}
