# Installation (GNUInstallDirs layout) and the Debian package (CPack); included by CMakeLists.txt.
#   bin/handout                          stripped when HANDOUT_SPLIT_DEBUG (component runtime)
#   lib/debug/.build-id/NN/REST.debug    its debug info, found by gdb from the build id (component debug)
#   share/handout/styles/                styles, epub.css, boilerplate.yaml, page-words/
#   share/man/man1/handout.1             generated from the command-line definition at build time
#   share/bash-completion/completions/handout, share/zsh/vendor-completions/_handout,
#   share/fish/vendor_completions.d/handout.fish   generated likewise
#   share/doc/handout/copyright          LICENSE, then the notices of the libraries compiled in
#   share/doc/handout/CHANGELOG.md
# The sanitizer tree installs nothing (its program is not for use).
if(HANDOUT_SANITIZE)
  return()
endif()

if(CMAKE_BUILD_TYPE STREQUAL "Debug")
  set(_handout_split_default OFF)
else()
  set(_handout_split_default ON)
endif()
option(HANDOUT_SPLIT_DEBUG "Install a stripped program and its debug info as a separate file" ${_handout_split_default})

# After each link: handout.debug (the debug sections) and handout.stripped (the program without
# them, with a .gnu_debuglink to handout.debug). The build tree's own handout keeps its debug info.
if(HANDOUT_SPLIT_DEBUG)
  add_custom_command(TARGET handout POST_BUILD
    COMMAND ${CMAKE_OBJCOPY} --only-keep-debug --compress-debug-sections=zlib $<TARGET_FILE:handout> $<TARGET_FILE:handout>.debug
    COMMAND ${CMAKE_OBJCOPY} --strip-debug --strip-unneeded --add-gnu-debuglink=$<TARGET_FILE:handout>.debug
            $<TARGET_FILE:handout> $<TARGET_FILE:handout>.stripped
    VERBATIM)
  install(PROGRAMS $<TARGET_FILE:handout>.stripped DESTINATION ${CMAKE_INSTALL_BINDIR} RENAME handout
          COMPONENT runtime)
  # Debian's layout for detached debug info: lib/debug/.build-id/<first 2 hex>/<rest>.debug.
  string(CONFIGURE [[
    execute_process(COMMAND "@CMAKE_READELF@" -n "$<TARGET_FILE:handout>" OUTPUT_VARIABLE _notes)
    if(NOT _notes MATCHES "Build ID: ([0-9a-f][0-9a-f])([0-9a-f]+)")
      message(FATAL_ERROR "handout has no GNU build id")
    endif()
    file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/debug/.build-id/${CMAKE_MATCH_1}" TYPE FILE
         FILES "$<TARGET_FILE:handout>.debug" RENAME "${CMAKE_MATCH_2}.debug")
  ]] _handout_install_debug @ONLY)
  install(CODE "${_handout_install_debug}" COMPONENT debug)
else()
  install(TARGETS handout RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
endif()

install(DIRECTORY styles/ DESTINATION ${CMAKE_INSTALL_DATADIR}/handout/styles COMPONENT runtime)

# The man page and completion scripts, written by the program just built.
set(_gen ${PROJECT_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${_gen}/handout.1 ${_gen}/handout.bash ${_gen}/_handout ${_gen}/handout.fish
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_gen}
  COMMAND sh -c "\"$1\" man-page > \"$2/handout.1\" && \"$1\" completion bash > \"$2/handout.bash\" && \"$1\" completion zsh > \"$2/_handout\" && \"$1\" completion fish > \"$2/handout.fish\""
          sh $<TARGET_FILE:handout> ${_gen}
  DEPENDS handout
  COMMENT "Writing the man page and shell completions from handout's command line"
  VERBATIM)
add_custom_target(handout_help_pages ALL DEPENDS ${_gen}/handout.1 ${_gen}/handout.bash ${_gen}/_handout ${_gen}/handout.fish)
install(FILES ${_gen}/handout.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
install(FILES ${_gen}/handout.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME handout COMPONENT runtime)
install(FILES ${_gen}/_handout DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT runtime)
install(FILES ${_gen}/handout.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d COMPONENT runtime)

# The copyright file: the project's licence, then the notices of the header-only libraries whose
# code is compiled into the program (CLI11 is BSD-3-Clause and nlohmann/json MIT, both asking for
# their notice in binary copies), read from their Debian packages' copyright files.
file(READ ${PROJECT_SOURCE_DIR}/LICENSE _copyright)
foreach(_notice libcli11-dev nlohmann-json3-dev)
  if(EXISTS /usr/share/doc/${_notice}/copyright)
    file(READ /usr/share/doc/${_notice}/copyright _text)
    string(APPEND _copyright "\n\nCompiled into handout: ${_notice} (as Debian ships it)\n\n${_text}")
  endif()
endforeach()
file(WRITE ${_gen}/copyright "${_copyright}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/LICENSE)
install(FILES ${_gen}/copyright ${PROJECT_SOURCE_DIR}/CHANGELOG.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        COMPONENT runtime)

# The Debian package: `make package` (cpack -G DEB in the build folder). handout_VERSION_amd64.deb
# holds the runtime component; handout-dbgsym_VERSION_amd64.deb the debug info. Library
# dependencies come from dpkg-shlibdeps; the fonts the styles name are added by hand.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME handout)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "handout developers")
set(CPACK_PACKAGE_CONTACT "handout developers <handout@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Patient-education sources to DocBook, PDF handouts, EPUB books and summary sheets")
set(CPACK_PACKAGE_DESCRIPTION "handout reads Markdown with YAML front matter, text copied from web pages and MediaWiki
extracts into one DocBook 5.0 tree, and writes it as DocBook, PDF handouts, EPUB 3 books and
one-page summary sheets.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES OFF)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME handout)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "fonts-dejavu-core, fonts-dejavu-extra")
# Fonts for the scripts DejaVu lacks (Chinese, Korean, Indic): without them those characters are errors.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "fonts-noto-core, fonts-droid-fallback, fonts-nanum")
if(HANDOUT_SPLIT_DEBUG)
  set(CPACK_COMPONENTS_ALL runtime debug)
  set(CPACK_DEBIAN_DEBUG_PACKAGE_NAME handout-dbgsym)
  set(CPACK_DEBIAN_DEBUG_PACKAGE_SECTION debug)
  set(CPACK_DEBIAN_DEBUG_PACKAGE_SHLIBDEPS OFF)
  set(CPACK_DEBIAN_DEBUG_PACKAGE_DEPENDS "handout (= ${PROJECT_VERSION})")
else()
  set(CPACK_COMPONENTS_ALL runtime)
endif()
include(CPack)
