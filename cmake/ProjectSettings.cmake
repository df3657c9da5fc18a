# One INTERFACE target carries the project-wide settings; every target links it.
add_library(billing_settings INTERFACE)
target_compile_features(billing_settings INTERFACE cxx_std_20)
target_compile_options(billing_settings INTERFACE
    -Wall -Wextra -pedantic -Wold-style-cast -Woverloaded-virtual -Wnon-virtual-dtor)
target_compile_definitions(billing_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)
if(BILLING_WERROR)
    target_compile_options(billing_settings INTERFACE -Werror)
endif()
if(BILLING_SANITIZE OR BILLING_FUZZ)
    # AddressSanitizer + UndefinedBehaviorSanitizer; an undefined-behaviour finding stops the program
    # (-fno-sanitize-recover) so that its test fails instead of printing a line nobody reads.
    target_compile_options(billing_settings INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(billing_settings INTERFACE -fsanitize=address,undefined)
endif()
if(BILLING_FUZZ)
    # libFuzzer's coverage in the code under test, not only in the fuzz targets (clang only).
    target_compile_options(billing_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()
