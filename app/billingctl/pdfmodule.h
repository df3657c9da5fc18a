#pragma once

// export-bill's PDF writer is a module of its own (billingctl-pdf.so, built from pdfmodulemain.cpp): it
// links QtGui and the ~30 libraries behind it, which every other command would otherwise load at start.
// billingctl loads it only when the arguments ask for a PDF.
#include "core/result.h"

class QCoreApplication;
class QLocale;
class QString;

namespace billing::report {
struct BillDocument;
struct CloseDocument;
} // namespace billing::report

namespace billing::cli {

// What the module gives (one static table; the module stays loaded until the process ends).
struct PdfModule
{
    // The application a PDF needs (a QGuiApplication: fonts), made inside the module.
    QCoreApplication *(*makeApplication)(int &argc, char **argv);
    Status (*exportPdf)(const report::BillDocument &doc, const QString &path, const QLocale &locale);
    // close's PDF (closeprint.h).
    Status (*exportClosePdf)(const report::CloseDocument &doc, const QString &path, const QLocale &locale);
};

// The C symbol the module exports: `const PdfModule *billingctl_pdf_module()`.
inline constexpr const char *kPdfModuleSymbol = "billingctl_pdf_module";

// Whether the arguments may ask for a PDF: "export-bill" with a "pdf" or "--format=pdf" argument (any
// case), or "close". A false positive only loads the module for nothing; main() decides with it before any
// application object exists.
bool mayWantPdf(int argc, char **argv);

// The module, loaded once, from billingctl's own folder (the build tree) or from the library folder it
// is installed in; an error names the file and why it could not be loaded.
Result<const PdfModule *> pdfModule();

} // namespace billing::cli
