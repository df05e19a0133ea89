include_guard(GLOBAL)

# ultra_contracts(SOURCE_DIR <dir> [EVM_VERSION <version>])
#
# Compiles every <dir>/**/*.sol at build time with solc-js (scripts/compile-contracts.mjs, solc
# from node_modules, pinned by package-lock.json) into
#   ${PROJECT_BINARY_DIR}/contracts/<Name>.json                  abi, bytecode, deployedBytecode
#   ${PROJECT_BINARY_DIR}/generated/ultra/contracts/<name>.hpp   constexpr bytecode + ABI string
# (<name> = snake_case of <Name>; a file X.sol is expected to define a contract X, and any other
# contract it defines gets its own files too). C++ code uses them by linking `ultra::contracts`
# and including <ultra/contracts/<name>.hpp>; the target `ultra_contracts_build` (part of `all`)
# runs the compiler. Without .sol files nothing is compiled and ultra::contracts is empty.
# Configuring fails with a clear message when node or node_modules/solc is missing.
function(ultra_contracts)
    cmake_parse_arguments(ARG "" "SOURCE_DIR;EVM_VERSION" "" ${ARGN})
    if(NOT ARG_EVM_VERSION)
        set(ARG_EVM_VERSION osaka)
    endif()
    set(generated_dir ${PROJECT_BINARY_DIR}/generated)
    set(artifact_dir ${PROJECT_BINARY_DIR}/contracts)

    add_library(ultra_contracts INTERFACE)
    add_library(ultra::contracts ALIAS ultra_contracts)
    target_include_directories(ultra_contracts INTERFACE ${generated_dir})

    file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${ARG_SOURCE_DIR}/*.sol)
    list(SORT sources)
    if(NOT sources)
        return()
    endif()

    find_program(ULTRA_NODE_EXECUTABLE node)
    if(NOT ULTRA_NODE_EXECUTABLE)
        message(FATAL_ERROR "contracts: node is missing: run scripts/install-deps")
    endif()
    if(NOT EXISTS ${PROJECT_SOURCE_DIR}/node_modules/solc/package.json)
        message(FATAL_ERROR "contracts: node_modules/solc is missing: run scripts/install-deps")
    endif()

    set(script ${PROJECT_SOURCE_DIR}/scripts/compile-contracts.mjs)
    set(stamp ${artifact_dir}/.stamp)
    set(byproducts "")
    foreach(source IN LISTS sources)
        get_filename_component(name ${source} NAME_WE)
        # snake_case exactly as the script's snakeCase(): TestToken -> test_token.
        string(REGEX REPLACE "([a-z0-9])([A-Z])" "\\1_\\2" snake "${name}")
        string(REGEX REPLACE "([A-Z])([A-Z][a-z])" "\\1_\\2" snake "${snake}")
        string(TOLOWER "${snake}" snake)
        list(APPEND byproducts ${artifact_dir}/${name}.json
             ${generated_dir}/ultra/contracts/${snake}.hpp)
    endforeach()

    # The script rewrites only the files whose content changed, so C++ that includes a header
    # is not rebuilt after an edit that leaves the bytecode as it was.
    add_custom_command(
        OUTPUT ${stamp}
        BYPRODUCTS ${byproducts}
        COMMAND ${ULTRA_NODE_EXECUTABLE} ${script} --out ${PROJECT_BINARY_DIR}
                --evm-version ${ARG_EVM_VERSION} --stamp ${stamp} ${sources}
        DEPENDS ${sources} ${script} ${PROJECT_SOURCE_DIR}/package-lock.json
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        COMMENT "Compiling ${ARG_SOURCE_DIR} with solc-js (evmVersion ${ARG_EVM_VERSION})"
        VERBATIM)
    add_custom_target(ultra_contracts_build ALL DEPENDS ${stamp})
    # Dependencies of an INTERFACE library are followed by whatever links it (CMake >= 3.19).
    add_dependencies(ultra_contracts ultra_contracts_build)
endfunction()
