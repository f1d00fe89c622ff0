# kiosk_layer(NAME SOURCES ... DEPENDS ... LIBS ...): one layer of kiosk/ as its own static library.
#
# Each layer is reachable as #include "NAME/file.hpp" only by targets that link it: its include root is a folder in
# the build tree holding a single link to the layer's sources, so an include that points the wrong way fails to build.

set(KIOSK_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)

function(kiosk_apply_flags target)
  target_compile_options(${target} PRIVATE ${KIOSK_WARNINGS})
  if(KIOSK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(KIOSK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

function(kiosk_layer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;LIBS" ${ARGN})
  set(root ${CMAKE_BINARY_DIR}/layers/${name})
  file(MAKE_DIRECTORY ${root})
  file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${root}/${name} SYMBOLIC)
  add_library(kiosk_${name} STATIC ${ARG_SOURCES})
  target_include_directories(kiosk_${name} PUBLIC ${root})
  foreach(dep IN LISTS ARG_DEPENDS)
    target_link_libraries(kiosk_${name} PUBLIC kiosk_${dep})
  endforeach()
  target_link_libraries(kiosk_${name} PUBLIC ${ARG_LIBS})
  kiosk_apply_flags(kiosk_${name})
endfunction()
