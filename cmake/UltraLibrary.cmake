# ultra_library(NAME <name> [PURE] SOURCES <files...> [DEPS <targets...>] [PRIVATE_DEPS <targets...>])
#
# Creates the static library `ultra_<name>` (alias `ultra::<name>`) from an explicit source list.
# PURE marks a consensus-core library: it is compiled with -fno-exceptions and registered for the
# layering/purity check (tools/check_layering.sh reads docs/layout.md's table, not this list).
function(ultra_library)
    cmake_parse_arguments(ARG "PURE" "NAME" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
    set(target ultra_${ARG_NAME})
    add_library(${target} STATIC ${ARG_SOURCES})
    add_library(ultra::${ARG_NAME} ALIAS ${target})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} PUBLIC ${ARG_DEPS} PRIVATE ultra_warnings ${ARG_PRIVATE_DEPS})
    target_compile_features(${target} PUBLIC cxx_std_20)
    if(ARG_PURE)
        target_compile_options(${target} PRIVATE -fno-exceptions)
        set_property(GLOBAL APPEND PROPERTY ULTRA_PURE_LIBRARIES ${ARG_NAME})
    endif()
endfunction()

# ultra_test(NAME <name> SOURCES <files...> DEPS <targets...> [LABELS <labels...>])
#
# A GoogleTest executable `ultra_<name>_test`, registered with CTest as one test per gtest case.
function(ultra_test)
    cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS;LABELS" ${ARGN})
    set(target ultra_${ARG_NAME}_test)
    add_executable(${target} ${ARG_SOURCES})
    target_link_libraries(${target} PRIVATE ${ARG_DEPS} ultra_test_utils ultra_warnings
                                            GTest::gtest GTest::gtest_main)
    set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/test)
    if(NOT ARG_LABELS)
        set(ARG_LABELS unit)
    endif()
    gtest_discover_tests(${target} DISCOVERY_TIMEOUT 120 PROPERTIES LABELS "${ARG_LABELS}"
                         ENVIRONMENT "ULTRA_FIXTURES=${ULTRA_FIXTURES_DIR}")
    if("unit" IN_LIST ARG_LABELS)
        set_property(GLOBAL APPEND PROPERTY ULTRA_UNIT_TEST_TARGETS ${target})
    endif()
endfunction()
