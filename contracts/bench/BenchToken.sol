// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title BenchToken
/// @notice The ERC-20 token of the EXECUTE benchmark's mixed block (bench/execute): balances and
///         allowances in mappings, Transfer and Approval events, balance and allowance checks,
///         an unlimited allowance that is not decremented (as most deployed tokens do).
/// @dev The benchmark writes this contract's storage directly instead of minting to 100k
///      holders, so the layout is part of its interface and must not change:
///        slot 0  totalSupply
///        slot 1  balanceOf:  balanceOf[a]    at keccak256(pad32(a) ++ pad32(1))
///        slot 2  allowance:  allowance[o][s] at keccak256(pad32(s) ++ keccak256(pad32(o) ++ pad32(2)))
///      No immutables either: the benchmark installs the runtime code as it is.
contract BenchToken {
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    string public constant name = "Bench Token";
    string public constant symbol = "BENCH";
    uint8 public constant decimals = 18;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    error InsufficientBalance(address account, uint256 balance, uint256 needed);
    error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    error ZeroAddress();

    constructor(uint256 initialSupply) {
        totalSupply = initialSupply;
        balanceOf[msg.sender] = initialSupply;
        emit Transfer(address(0), msg.sender, initialSupply);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        if (spender == address(0)) revert ZeroAddress();
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert InsufficientAllowance(msg.sender, allowed, value);
            unchecked {
                allowance[from][msg.sender] = allowed - value;
            }
        }
        _transfer(from, to, value);
        return true;
    }

    function _transfer(address from, address to, uint256 value) private {
        if (to == address(0)) revert ZeroAddress();
        uint256 balance = balanceOf[from];
        if (balance < value) revert InsufficientBalance(from, balance, value);
        unchecked {
            // Cannot overflow: the sum of all balances is totalSupply.
            balanceOf[from] = balance - value;
            balanceOf[to] += value;
        }
        emit Transfer(from, to, value);
    }
}
