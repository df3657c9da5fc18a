#pragma once

// PDF pages as poppler reads them (poppler-utils, not our code): the words with their boxes
// (`pdftotext -bbox-layout`), whether they stay inside the printable area, and whether `pdftoppm` renders
// every page without a complaint.
#include <QDir>
#include <QFileInfo>
#include <QPageLayout>
#include <QProcess>
#include <QRectF>
#include <QStringList>
#include <QXmlStreamReader>

namespace billing::test {

struct PdfWord
{
    QString text;
    QRectF box; // points, origin top left
};

struct PdfPage
{
    QSizeF size; // points
    QList<PdfWord> words;

    QStringList texts() const
    {
        QStringList all;
        for (const PdfWord &w : words)
            all << w.text;
        return all;
    }
    QString text() const { return texts().join(u' '); }
};

struct ToolRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline ToolRun runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit)
        return {};
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

// The words of every page, as poppler lays them out.
inline QList<PdfPage> readPdfPages(const QString &pdf)
{
    const ToolRun r =
        runTool(QStringLiteral("pdftotext"), {QStringLiteral("-bbox-layout"), pdf, QStringLiteral("-")});
    if (r.exitCode != 0)
        qWarning("pdftotext failed: %s", r.err.constData());
    QList<PdfPage> pages;
    QXmlStreamReader xml(r.out);
    auto number = [&](const char *name) { return xml.attributes().value(QLatin1String(name)).toDouble(); };
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("page")) {
            pages.append(PdfPage{QSizeF(number("width"), number("height")), {}});
        } else if (xml.name() == QLatin1String("word") && !pages.isEmpty()) {
            const QRectF box(QPointF(number("xMin"), number("yMin")),
                             QPointF(number("xMax"), number("yMax")));
            pages.last().words.append(PdfWord{xml.readElementText(), box});
        }
    }
    if (xml.hasError())
        qWarning("pdftotext's XML: %s", qPrintable(xml.errorString()));
    return pages;
}

// The first page whose size is not the layout's, or word that crosses the layout's printable area (the
// page minus its margins) by more than `tolerance` points, in words; empty when every page fits.
inline QString pageMisfit(const QList<PdfPage> &pages, const QPageLayout &layout, qreal tolerance = 1)
{
    const QRectF full = layout.fullRectPoints();
    const QRectF printable =
        QRectF(layout.paintRectPoints()).adjusted(-tolerance, -tolerance, tolerance, tolerance);
    for (qsizetype p = 0; p < pages.size(); ++p) {
        const PdfPage &page = pages.at(p);
        if (qAbs(page.size.width() - full.width()) >= 1 || qAbs(page.size.height() - full.height()) >= 1)
            return QStringLiteral("page %1 is %2 x %3 pt, not %4 x %5")
                .arg(p + 1)
                .arg(page.size.width())
                .arg(page.size.height())
                .arg(full.width())
                .arg(full.height());
        for (const PdfWord &w : page.words)
            if (!printable.contains(w.box))
                return QStringLiteral("page %1: \"%2\" at x %3..%4, y %5..%6 leaves the printable area "
                                      "x %7..%8, y %9..%10")
                    .arg(p + 1)
                    .arg(w.text)
                    .arg(w.box.left())
                    .arg(w.box.right())
                    .arg(w.box.top())
                    .arg(w.box.bottom())
                    .arg(printable.left())
                    .arg(printable.right())
                    .arg(printable.top())
                    .arg(printable.bottom());
    }
    return QString();
}

// Renders every page with pdftoppm (PNG files next to the PDF): what poppler said, or what is wrong
// with the pictures; empty when all `pages` pages rendered without a word on stderr.
inline QString renderProblems(const QString &pdf, qsizetype pages)
{
    const QFileInfo info(pdf);
    const QString prefix = pdf + QStringLiteral("-page");
    const ToolRun r = runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("30"),
                                                           QStringLiteral("-png"), pdf, prefix});
    if (r.exitCode != 0 || !r.err.isEmpty())
        return QStringLiteral("pdftoppm exit %1: %2").arg(r.exitCode).arg(QString::fromLocal8Bit(r.err));
    const qsizetype pictures = QDir(info.absolutePath())
                                   .entryList({info.fileName() + QStringLiteral("-page*.png")}, QDir::Files)
                                   .size();
    if (pictures != pages)
        return QStringLiteral("pdftoppm made %1 pictures of %2 pages").arg(pictures).arg(pages);
    return QString();
}

} // namespace billing::test
