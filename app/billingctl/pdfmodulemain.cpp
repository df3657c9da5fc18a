// billingctl-pdf.so: export-bill's PDF writer (billing_report_pdf and QtGui), loaded by billingctl only
// for a PDF (pdfmodule.h).
#include "billprint.h"
#include "closeprint.h"
#include "pdfmodule.h"

#include <QGuiApplication>

namespace {
QCoreApplication *makeApplication(int &argc, char **argv)
{
    return new QGuiApplication(argc, argv);
}

const billing::cli::PdfModule kModule{makeApplication, billing::report::exportBillPdf,
                                      billing::report::exportClosePdf};
} // namespace

extern "C" Q_DECL_EXPORT const billing::cli::PdfModule *billingctl_pdf_module()
{
    return &kModule;
}
