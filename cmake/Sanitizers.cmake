# ULTRA_SANITIZE=address,undefined builds everything with those sanitizers (the asan-ubsan preset).
if(ULTRA_SANITIZE)
    string(REPLACE "," ";" ultra_sanitizers "${ULTRA_SANITIZE}")
    foreach(s ${ultra_sanitizers})
        add_compile_options(-fsanitize=${s})
        add_link_options(-fsanitize=${s})
    endforeach()
    add_compile_options(-fno-omit-frame-pointer -fno-sanitize-recover=all)
    # GCC 12's flow analysis reports false -Wmaybe-uninitialized in libstdc++ (std::regex,
    # std::function) under ASan instrumentation; the release build keeps the warning as an error.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        add_compile_options(-Wno-maybe-uninitialized)
    endif()
endif()
