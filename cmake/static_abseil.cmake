# Links Abseil from Debian's static archives instead of its shared libraries.
# A govledger command lives for milliseconds; mapping and resolving two dozen
# Abseil libraries at every start was a measurable part of one decision's cost
# (perf, README "Speed"). Debian's abslTargets name the .so files; the .a files
# beside them hold the same objects, built with -fPIC.
get_property(_imported DIRECTORY "${PROJECT_SOURCE_DIR}" PROPERTY IMPORTED_TARGETS)
foreach(_target IN LISTS _imported)
  if(NOT _target MATCHES "^absl::")
    continue()
  endif()
  get_target_property(_type ${_target} TYPE)
  if(NOT _type STREQUAL "SHARED_LIBRARY")
    continue()
  endif()
  get_target_property(_location ${_target} IMPORTED_LOCATION_NONE)
  string(REGEX REPLACE "\\.so(\\.[0-9.]+)?$" ".a" _archive "${_location}")
  if(EXISTS "${_archive}")
    set_target_properties(${_target} PROPERTIES IMPORTED_LOCATION_NONE "${_archive}")
    set_property(TARGET ${_target} PROPERTY IMPORTED_NO_SONAME TRUE)
  endif()
endforeach()
