# Read by ctest after the doctest cases are listed (tests/CMakeLists.txt): each case whose name ends in "(timing)"
# asserts on wall-clock time and gets the label `timing`.
foreach(test IN LISTS kiosk_unit_tests_TESTS kiosk_e2e_tests_TESTS)
  if(test MATCHES "\\(timing\\)$")
    set_tests_properties("${test}" PROPERTIES LABELS timing)
  endif()
endforeach()
