# Warning flags shared by every ultra target (GUIDE.md §8.8), as an INTERFACE target so that
# they do not leak to consumers of our libraries outside the project.
add_library(ultra_warnings INTERFACE)
target_compile_options(ultra_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wmissing-declarations
    -Wextra-semi -Wnon-virtual-dtor -Wimplicit-fallthrough
    $<$<CXX_COMPILER_ID:GNU>:-Wduplicated-cond -Wlogical-op>)
if(ULTRA_WERROR)
    target_compile_options(ultra_warnings INTERFACE -Werror)
endif()
