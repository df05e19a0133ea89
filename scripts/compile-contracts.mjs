#!/usr/bin/env node
// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Compiles Solidity sources with solc-js (node_modules/solc, pinned by package-lock.json) through
// its standard-JSON interface, which is the only way to pin the EVM version (the solcjs CLI has
// no --evm-version). For every contract it writes
//   <out>/contracts/<Name>.json                     {contractName, sourceName, compiler, abi,
//                                                    bytecode, deployedBytecode}
//   <out>/generated/ultra/contracts/<name>.hpp      the bytecodes as constexpr byte arrays and the
//                                                    ABI as a string (name = snake_case(Name))
// Files whose content is unchanged are not rewritten, so C++ that includes a header is not
// rebuilt when nothing changed.
//
// Usage: node scripts/compile-contracts.mjs [--out DIR] [--evm-version osaka] [--stamp FILE]
//                                           [--quiet] [SOURCE.sol...]
//   Without sources it compiles every contracts/**/*.sol of the repository. --out defaults to
//   build. The CMake build (cmake/Contracts.cmake) runs it; e2e tests may import
//   compileContracts() from it.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/// The EVM version the contracts are compiled for: the node's fork (Osaka).
export const defaultEvmVersion = "osaka";

const kSolcMissing = "contracts: node_modules/solc is missing: run scripts/install-deps";

/// solc-js, loaded from the repository's node_modules; a clear error when it is not installed.
export function loadSolc() {
    const require = createRequire(join(repoRoot, "package.json"));
    try {
        return require("solc");
    } catch (err) {
        if (err && err.code === "MODULE_NOT_FOUND") throw new Error(kSolcMissing);
        throw err;
    }
}

/// Every .sol file under `dir`, sorted (repository-relative order is the compile order).
export function findSources(dir = join(repoRoot, "contracts")) {
    const out = [];
    const walk = (d) => {
        if (!existsSync(d)) return;
        for (const entry of readdirSync(d, { withFileTypes: true })) {
            const p = join(d, entry.name);
            if (entry.isDirectory()) walk(p);
            else if (entry.isFile() && entry.name.endsWith(".sol")) out.push(p);
        }
    };
    walk(dir);
    return out.sort();
}

/// CamelCase → snake_case, as cmake/Contracts.cmake computes it: TestToken → test_token,
/// ERC20Bridge → erc20_bridge.
export function snakeCase(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
        .toLowerCase();
}

/// The source unit name solc sees: the path relative to the repository, with '/' separators.
function unitName(file) {
    return relative(repoRoot, resolve(file)).split(sep).join("/");
}

/// Compiles `sources` (paths) for `evmVersion`. Returns {solcVersion, evmVersion, warnings,
/// contracts: [{contractName, sourceName, abi, bytecode, deployedBytecode}]}; throws with
/// solc's formatted messages when a source does not compile.
export function compileContracts({ sources = findSources(), evmVersion = defaultEvmVersion } = {}) {
    const solc = loadSolc();
    const input = {
        language: "Solidity",
        sources: {},
        settings: {
            evmVersion,
            optimizer: { enabled: true, runs: 200 },
            outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.bytecode.linkReferences", "evm.deployedBytecode.object"] } },
        },
    };
    for (const file of sources) input.sources[unitName(file)] = { content: readFileSync(file, "utf8") };

    // Imports resolve against the repository root, then node_modules (e.g. "@org/pkg/X.sol").
    const findImports = (path) => {
        for (const base of [repoRoot, join(repoRoot, "node_modules")]) {
            const p = join(base, path);
            if (existsSync(p)) return { contents: readFileSync(p, "utf8") };
        }
        return { error: `import not found: ${path}` };
    };
    const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));

    const errors = (output.errors ?? []).filter((e) => e.severity === "error");
    const warnings = (output.errors ?? []).filter((e) => e.severity !== "error").map((e) => e.formattedMessage);
    if (errors.length) {
        throw new Error(`solc ${solc.version()} failed:\n` + errors.map((e) => e.formattedMessage).join("\n"));
    }

    const contracts = [];
    const seen = new Map();
    for (const [sourceName, units] of Object.entries(output.contracts ?? {})) {
        for (const [contractName, c] of Object.entries(units)) {
            if (seen.has(contractName)) {
                throw new Error(`contracts: two contracts are named ${contractName} (${seen.get(contractName)} and ${sourceName}); names must be unique`);
            }
            seen.set(contractName, sourceName);
            if (Object.keys(c.evm.bytecode.linkReferences ?? {}).length) {
                throw new Error(`contracts: ${contractName} needs linked libraries, which the build does not support; make the library functions internal`);
            }
            contracts.push({
                contractName,
                sourceName,
                abi: c.abi,
                bytecode: "0x" + c.evm.bytecode.object,
                deployedBytecode: "0x" + c.evm.deployedBytecode.object,
            });
        }
    }
    return { solcVersion: solc.version(), evmVersion, warnings, contracts };
}

// C++ keywords that cannot name a namespace.
const kCppKeywords = new Set(["and", "asm", "auto", "bool", "break", "case", "catch", "char", "class", "const", "continue", "default", "delete", "do", "double", "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "not", "operator", "or", "private", "protected", "public", "register", "return", "short", "signed", "sizeof", "static", "struct", "switch", "template", "this", "throw", "true", "try", "typedef", "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "while", "xor"]);

function byteArray(hex) {
    const body = hex.slice(2);
    const bytes = [];
    for (let i = 0; i < body.length; i += 2) bytes.push("0x" + body.slice(i, i + 2));
    const lines = [];
    for (let i = 0; i < bytes.length; i += 12) lines.push("    " + bytes.slice(i, i + 12).join(", ") + ",");
    return `std::array<uint8_t, ${bytes.length}>{\n${lines.join("\n")}\n}`;
}

/// The C++ header of one compiled contract.
export function cppHeader(contract, { solcVersion, evmVersion }) {
    let ns = snakeCase(contract.contractName);
    if (kCppKeywords.has(ns)) ns += "_contract";
    const abi = JSON.stringify(contract.abi);
    if (abi.includes(")ultra_abi\"")) throw new Error(`contracts: ${contract.contractName}: the ABI contains the raw-string delimiter`);
    return `// Generated by scripts/compile-contracts.mjs from ${contract.sourceName}
// (solc ${solcVersion.split("+")[0]}, evmVersion ${evmVersion}, optimizer 200 runs). Do not edit.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

/// The compiled Solidity contract ${contract.contractName} (${contract.sourceName}).
namespace ultra::contracts::${ns} {

/// The contract's name in its source.
inline constexpr std::string_view kName = "${contract.contractName}";

/// The creation code: deploy it with the ABI-encoded constructor arguments appended.
inline constexpr auto kBytecode = ${byteArray(contract.bytecode)};

/// The runtime code the creation code installs (what eth_getCode returns after deployment).
inline constexpr auto kDeployedBytecode = ${byteArray(contract.deployedBytecode)};

/// The ABI, as solc's JSON.
inline constexpr std::string_view kAbi = R"ultra_abi(${abi})ultra_abi";

}  // namespace ultra::contracts::${ns}
`;
}

function writeIfChanged(path, content) {
    if (existsSync(path) && readFileSync(path, "utf8") === content) return false;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return true;
}

/// Compiles and writes the JSON artifacts and the C++ headers under `out`.
export function buildContracts({ out = join(repoRoot, "build"), sources, evmVersion, quiet = false } = {}) {
    const result = compileContracts({ sources, evmVersion });
    let written = 0;
    for (const c of result.contracts) {
        const artifact = {
            contractName: c.contractName,
            sourceName: c.sourceName,
            compiler: { solc: result.solcVersion, evmVersion: result.evmVersion, optimizerRuns: 200 },
            abi: c.abi,
            bytecode: c.bytecode,
            deployedBytecode: c.deployedBytecode,
        };
        written += writeIfChanged(join(out, "contracts", `${c.contractName}.json`), JSON.stringify(artifact, null, 2) + "\n");
        written += writeIfChanged(join(out, "generated", "ultra", "contracts", `${snakeCase(c.contractName)}.hpp`), cppHeader(c, result));
    }
    if (!quiet) {
        for (const w of result.warnings) console.error(w);
        console.log(`contracts: ${result.contracts.length} contracts compiled (solc ${result.solcVersion}, ${result.evmVersion}), ${written} files updated`);
    }
    return result;
}

function main(argv) {
    const opts = { sources: [] };
    for (let i = 0; i < argv.length; ++i) {
        const a = argv[i];
        if (a === "--out") opts.out = resolve(argv[++i]);
        else if (a === "--evm-version") opts.evmVersion = argv[++i];
        else if (a === "--stamp") opts.stamp = resolve(argv[++i]);
        else if (a === "--quiet") opts.quiet = true;
        else if (a.startsWith("--")) throw new Error(`compile-contracts: unknown option ${a}`);
        else opts.sources.push(resolve(a));
    }
    if (!opts.sources.length) opts.sources = findSources();
    if (!opts.sources.length) {
        console.log("contracts: no .sol files, nothing to do");
    } else {
        buildContracts({ out: opts.out, sources: opts.sources, evmVersion: opts.evmVersion ?? defaultEvmVersion, quiet: opts.quiet });
    }
    if (opts.stamp) {
        mkdirSync(dirname(opts.stamp), { recursive: true });
        writeFileSync(opts.stamp, "");
    }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    try {
        main(process.argv.slice(2));
    } catch (err) {
        console.error(err.message);
        process.exit(1);
    }
}
