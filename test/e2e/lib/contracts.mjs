// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The compiled contracts for e2e tests: <build>/contracts/<Name>.json as the CMake build writes
// it (cmake/Contracts.cmake), or, when the build has not made it, compiled here in process with
// the same script and settings.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { compileContracts } from "../../../scripts/compile-contracts.mjs";
import { repoRoot } from "./node.mjs";

let compiled = null;

/// {contractName, abi, bytecode, deployedBytecode} of the contract `name`.
export function loadContract(name) {
    const build = resolve(repoRoot, process.env.ULTRA_BUILD_DIR ?? "build");
    const artifact = join(build, "contracts", `${name}.json`);
    if (existsSync(artifact)) return JSON.parse(readFileSync(artifact, "utf8"));
    compiled ??= compileContracts();
    const c = compiled.contracts.find((x) => x.contractName === name);
    if (!c) throw new Error(`no contract named ${name} in contracts/`);
    return c;
}
