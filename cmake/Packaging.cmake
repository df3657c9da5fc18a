# What `cmake --install` puts where (GNUInstallDirs; prefix /usr for the package) and the Debian package
# that `cpack -G DEB` builds from it (scripts/package.sh builds, installs and tries it).
set(CPACK_PACKAGE_NAME ocr-billing-console)
set(BILLING_DOCDIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/${CPACK_PACKAGE_NAME})

# The programs are installed by their own folders (app/); here the desktop integration and the docs.
# Translations and the price catalog are compiled into the programs as Qt resources: no files to install.
if(BILLING_BUILD_GUI)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/billing-console.desktop
            DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/billing-console.svg
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${BILLING_DOCDIR})
# The guide and the screenshots it shows keep their relative links (README.md → docs/user-guide.md).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${BILLING_DOCDIR}/docs
        FILES_MATCHING PATTERN "*.md" PATTERN "*.png")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_VENDOR "OCR Billing Console")
set(CPACK_PACKAGE_CONTACT "OCR Billing Console maintainers <billing-console@example.org>")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Desktop console and CLI for the bills of a pay-per-call OCR service")
set(CPACK_PACKAGE_DESCRIPTION
    "For customers of a cloud OCR service billed per successful API call: monthly bills and every
transaction record with the calls behind it (CSV, XLSX and PDF exports, printing), packages with
renewals, top-ups, arrears and stopping services, and cost analysis (composition, allocation by
project and tag, trends with forecast, budgets, optimization advice, price calculator) over an
embedded SQLite or a shared PostgreSQL database. billing-console is the desktop application;
billingctl is its scriptable command-line twin.")
set(CPACK_DEBIAN_PACKAGE_SECTION office)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # ocr-billing-console_VERSION_ARCH.deb
# dpkg-shlibdeps finds the libraries the programs link; it cannot see what Qt loads as plugins: the
# SQLite and PostgreSQL drivers, the SVG icon engine (window icon), and a font with Chinese glyphs for
# the zh_CN translation and for PDF bills holding Chinese names. Nor the libraries loaded at their first use
# (model/core/ondemand.h): libcrypto (libssl3), libzip and libxlsxwriter; libpq comes with the QPSQL driver.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libqt6sql6-sqlite, libqt6sql6-psql, libqt6svg6, libssl3, libzip4, libxlsxwriter4, fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")
set(CPACK_STRIP_FILES ON) # the build is RelWithDebInfo; the package carries no debug info
include(CPack)
