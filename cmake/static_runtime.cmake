# Links what a govledger command loads at every start from static archives
# where Debian ships them, except OpenSSL, which stays Debian's shared library
# so that its security updates reach govledger without a rebuild.
#
# A command that records one decision lives for milliseconds, and the dynamic
# loader's work counted in it: before this, loading and relocating
# libstdc++ and RocksDB's compression libraries was a tenth of the
# instructions of a `party add` (callgrind: 38.1 million, 34.4 million after;
# README "Speed").

# RocksDB's own archive is static, but the libraries its exported target
# names (compression, gflags) are Debian's shared ones: name their archives.
set(_govledger_rocksdb_deps)
foreach(_name snappy z bz2 lz4 zstd gflags)
  find_library(_govledger_${_name}_archive NAMES lib${_name}.a REQUIRED)
  list(APPEND _govledger_rocksdb_deps "${_govledger_${_name}_archive}")
endforeach()
set_target_properties(RocksDB::rocksdb PROPERTIES INTERFACE_LINK_LIBRARIES
                      "${_govledger_rocksdb_deps};Threads::Threads")

# The C++ runtime, for the two programs people run. Only programs that load
# no other C++ shared library may carry their own copy of it, which is why the
# tests and the benchmark (GoogleTest, Google Benchmark) keep the shared one.
function(govledger_static_cxx_runtime target)
  target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
endfunction()
