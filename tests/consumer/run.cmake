# Install ntmkit into a scratch prefix, build the consumer against it and run it. The install
# prefix is given at install time and differs from the configured one, as with
# `cmake --install build --prefix P`: the installed target must find its data under P.
file(REMOVE_RECURSE ${WORK_DIR})
foreach(step
    "-S;${SOURCE_DIR};-B;${WORK_DIR}/lib;-G;${GENERATOR};-DNTMKIT_BUILD_TESTS=OFF;-DNTMKIT_BUILD_EXAMPLES=OFF;-DNTMKIT_BUILD_BENCHMARKS=OFF;-DCMAKE_INSTALL_PREFIX=${WORK_DIR}/configured-prefix"
    "--install;${WORK_DIR}/lib;--prefix;${WORK_DIR}/prefix"
    "-S;${SOURCE_DIR}/tests/consumer;-B;${WORK_DIR}/app;-G;${GENERATOR};-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix"
    "--build;${WORK_DIR}/app")
  execute_process(COMMAND ${CMAKE_COMMAND} ${step} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer step failed: ${step}")
  endif()
endforeach()
# Without NTMKIT_DATA_DIR, which would hide where the compiled-in data directory points.
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=NTMKIT_DATA_DIR ${WORK_DIR}/app/consumer
                        ${WORK_DIR}/prefix RESULT_VARIABLE rc OUTPUT_VARIABLE out)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "consumer program failed")
endif()
