# Cross-compiles for arm64 (a Raspberry Pi 3, 4 or 5 with a 64-bit OS) on an amd64 Debian 12, with Debian's cross
# compiler (crossbuild-essential-arm64) and the :arm64 libraries installed beside the amd64 system (multiarch):
#
#     cmake -S . -B build/arm64 -G Ninja --toolchain cmake/toolchain-arm64.cmake
#
# tools/arm64-test.sh makes such a system (a build root) and uses this file in it. The test programs built this way
# are arm64 programs: they run under qemu-user through binfmt_misc, which that script registers for its run.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# Libraries and CMake packages come from /usr/lib/aarch64-linux-gnu, never from the amd64 directory beside it.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
# pkgconf:arm64 installs this wrapper: it reads only the arm64 .pc files (and the architecture-independent ones).
set(PKG_CONFIG_EXECUTABLE /usr/bin/aarch64-linux-gnu-pkg-config CACHE FILEPATH "pkg-config for arm64")

# The Debian package's architecture (cmake/Packaging.cmake); dpkg on the build machine would answer amd64.
set(KIOSK_DEB_ARCH arm64)
