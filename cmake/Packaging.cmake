# Installation and the Debian package (cpack -G DEB): the kiosk, its assets and demo content, the service, the USB
# rule, the lockdown drop-ins, a default /etc/kiosk/kiosk.toml (a conffile), and the maintainer scripts.
install(TARGETS kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/demo DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk/data)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/image/lib/kiosk-session ${PROJECT_SOURCE_DIR}/image/lib/kiosk-usb-mount
  ${PROJECT_SOURCE_DIR}/image/lib/kiosk-display DESTINATION lib/drop-in-kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/image/systemd/kiosk.service ${PROJECT_SOURCE_DIR}/image/systemd/kiosk-display.path
  ${PROJECT_SOURCE_DIR}/image/systemd/kiosk-display.service DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/image/udev/90-drop-in-kiosk-usb.rules DESTINATION lib/udev/rules.d)
install(FILES ${PROJECT_SOURCE_DIR}/image/etc/logind-kiosk.conf DESTINATION lib/systemd/logind.conf.d
  RENAME 90-drop-in-kiosk.conf)
install(FILES ${PROJECT_SOURCE_DIR}/image/etc/journald-kiosk.conf DESTINATION lib/systemd/journald.conf.d
  RENAME 90-drop-in-kiosk.conf)
install(FILES ${PROJECT_SOURCE_DIR}/image/etc/system-kiosk.conf DESTINATION lib/systemd/system.conf.d
  RENAME 90-drop-in-kiosk.conf)
install(FILES ${PROJECT_SOURCE_DIR}/image/etc/sysctl-kiosk.conf DESTINATION lib/sysctl.d RENAME 90-drop-in-kiosk.conf)
install(FILES ${PROJECT_SOURCE_DIR}/image/etc/kiosk.toml DESTINATION /etc/kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/image/debian/copyright DESTINATION share/doc/drop-in-kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/install.md ${PROJECT_SOURCE_DIR}/docs/staff.md
  ${PROJECT_SOURCE_DIR}/docs/updates.md ${PROJECT_SOURCE_DIR}/docs/settings.md
  ${PROJECT_SOURCE_DIR}/docs/content-guide.md ${PROJECT_SOURCE_DIR}/docs/section-icons.png
  ${PROJECT_SOURCE_DIR}/docs/visitor-care.md
  DESTINATION share/doc/drop-in-kiosk)

# Debian wants the changelog compressed with gzip -9n; a native package (no Debian revision) calls it changelog.gz.
set(KIOSK_CHANGELOG ${CMAKE_BINARY_DIR}/changelog.gz) # A native package: changelog.gz
add_custom_command(OUTPUT ${KIOSK_CHANGELOG}
  COMMAND gzip -9nc ${PROJECT_SOURCE_DIR}/image/debian/changelog > ${KIOSK_CHANGELOG}
  DEPENDS ${PROJECT_SOURCE_DIR}/image/debian/changelog)
add_custom_target(kiosk_changelog ALL DEPENDS ${KIOSK_CHANGELOG})
install(FILES ${KIOSK_CHANGELOG} DESTINATION share/doc/drop-in-kiosk)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME drop-in-kiosk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Drop-in Kiosk authors <kiosk@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "touchscreen information kiosk for harm-reduction drop-in centers")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "A fullscreen visitor screen for a low-cost box with a touch
 monitor: pages about drug user unions, upcoming events, and resources taken
 away as QR codes. Staff update it with a signed USB stick or a web feed; it
 runs as an unprivileged user in cage, sleeps outside opening hours and
 restarts by itself after a crash or a hang.")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(KIOSK_DEB_ARCH) # A cross build names its architecture (cmake/toolchain-arm64.cmake); dpkg would name the host's.
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${KIOSK_DEB_ARCH})
endif()
# What a minimal Debian 12 lacks for the visitor screen to come up (image/README.md): cage, the Xwayland it will not
# start without (it is only started lazily, for X clients, and the kiosk is a Wayland client), the Mesa DRI drivers
# that cage and SDL draw with, and seatd for cage's seat (not a logind session: kiosk.service says why). The section
# icons' font (Material Icons) is 1.1 MB; without it the tiles draw their kinds' icons with lines.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "adduser, fonts-noto-core | fonts-dejavu-core, fonts-material-design-icons-iconfont, systemd, udev, cage, xwayland, libgl1-mesa-dri, seatd")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "systemd-timesyncd | fake-hwclock")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${PROJECT_SOURCE_DIR}/image/debian/postinst ${PROJECT_SOURCE_DIR}/image/debian/prerm
  ${PROJECT_SOURCE_DIR}/image/debian/postrm ${PROJECT_SOURCE_DIR}/image/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
