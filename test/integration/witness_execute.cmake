# `ultrasound witness` then `ultrasound execute` (cmake -P): writes the EXECUTE inputs of one
# blockchain fixture file into a fresh directory, then verifies every input it wrote. All must be
# valid (the .fork files name the L1 fork); with --expect-invalid the same run must fail.
# Variables: ULTRASOUND (the CLI), FIXTURE (a blockchain test file), OUT (a scratch directory).
file(REMOVE_RECURSE "${OUT}")

execute_process(COMMAND "${ULTRASOUND}" witness --blocktest "${FIXTURE}" --out "${OUT}" --witness-json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "ultrasound witness exited with ${rc}")
endif()
if(NOT out MATCHES "wrote ([0-9]+) EXECUTE inputs")
    message(FATAL_ERROR "ultrasound witness printed no count")
endif()
set(written ${CMAKE_MATCH_1})
if(written EQUAL 0)
    message(FATAL_ERROR "ultrasound witness wrote no input")
endif()
foreach(kind bin fork witness.json)
    file(GLOB_RECURSE found "${OUT}/*.${kind}")
    list(LENGTH found count)
    if(NOT count EQUAL written)
        message(FATAL_ERROR "${count} .${kind} files, expected ${written}")
    endif()
endforeach()

execute_process(COMMAND "${ULTRASOUND}" execute "${OUT}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0 OR NOT out MATCHES "\n${written} passed, 0 failed\n$" OR out MATCHES ": invalid")
    message(FATAL_ERROR "ultrasound execute: not every input is valid (exit ${rc})")
endif()

execute_process(COMMAND "${ULTRASOUND}" execute --expect-invalid "${OUT}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT out MATCHES "\n0 passed, ${written} failed\n$")
    message(FATAL_ERROR "ultrasound execute --expect-invalid accepted valid inputs:\n${out}${err}")
endif()
message("${written} passed, 0 failed")
