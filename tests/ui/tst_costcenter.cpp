// Cost Center pages against a real account: composition, allocation (tags + undo), analysis (grouping,
// granularity, filters, saved views), budgets (undo), optimization and the price calculator.
#include "analysis/allocation.h"
#include "analysis/costanalysis.h"
#include "analysis/costmeasure.h"
#include "analysis/costseries.h"
#include "costcenter/allocationpage.h"
#include "costcenter/analysispage.h"
#include "costcenter/budgetmodel.h"
#include "costcenter/budgetspage.h"
#include "costcenter/calculatorpage.h"
#include "costcenter/compositionmodel.h"
#include "costcenter/compositionpage.h"
#include "costcenter/filterchips.h"
#include "costcenter/optimizationpage.h"
#include "costcenter/periodpicker.h"
#include "costcenter/projectcostmodel.h"
#include "costcenter/quotemodel.h"
#include "costcenter/recommendationmodel.h"
#include "costcenter/savedviewstore.h"
#include "costcenter/seriestablemodel.h"
#include "engine/bills.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "pdfpages.h"
#include "shell/settings.h"
#include "storage/budgetrepository.h"
#include "storage/tagrepository.h"
#include "testaccount.h"
#include "widgets/errorbanner.h"
#include "widgets/exporter.h"
#include "widgets/figure.h"
#include "widgets/itemroles.h"
#include "widgets/moneydelegate.h"
#include "widgets/timeseriesplot.h"
#include "widgets/totalsfooter.h"
#include "widgets/totalsmodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QGraphicsScene>
#include <QLabel>
#include <QLineEdit>
#include <QPieSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace billing;
using namespace billing::ui;
using billing::test::at;

namespace {
QByteArray line(const QString &ts, const char *api, const char *region, const char *project, qint64 count)
{
    return ts.toLatin1() + ',' + api + ',' + region + ",200," + project + ',' + QByteArray::number(count) +
           '\n';
}

void selectCombo(QComboBox *combo, const QVariant &data)
{
    const int i = combo->findData(data);
    QVERIFY2(i >= 0, qPrintable(data.toString()));
    combo->setCurrentIndex(i);
}

// As a person does it: a click opens the list, a click on the item chooses it.
void clickCombo(QComboBox *combo, const QVariant &data)
{
    const int i = combo->findData(data);
    QVERIFY2(i >= 0, qPrintable(data.toString()));
    QTest::mouseClick(combo, Qt::LeftButton);
    QAbstractItemView *list = combo->view();
    QTRY_VERIFY(list->isVisible());
    // The popup ignores a release that follows its opening within a double-click interval.
    QTest::qWait(QApplication::doubleClickInterval() + 50);
    const QRect rect = list->visualRect(combo->model()->index(i, 0));
    QVERIFY(rect.isValid());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_VERIFY(!list->isVisible());
    QCOMPARE(combo->currentIndex(), i);
}

void saveShot(QWidget *w, const char *name)
{
    const QString dir = qEnvironmentVariable("BILLING_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(100); // the queued layout and replot first
    QVERIFY(w->grab().save(QDir(dir).filePath(QLatin1String(name))));
}

int columnOf(const QAbstractItemModel *model, const QString &header)
{
    for (int c = 0; c < model->columnCount(); ++c)
        if (model->headerData(c, Qt::Horizontal).toString().startsWith(header))
            return c;
    return -1;
}

int rowOf(const QAbstractItemModel *model, const QString &name)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, 0).data().toString() == name)
            return r;
    return -1;
}
} // namespace

class TestCostCenter : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestAccount> m_acc;
    QTemporaryDir m_dir;

    Money billCharged(const char *month)
    {
        auto bill = m_acc->run([&](Context &c) { return monthlyBill(c, QString::fromLatin1(month)); });
        return bill ? bill->totals.charged : Money::fromUnits(-1);
    }

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_acc = std::make_unique<test::TestAccount>("2026-10-01T08:00:00+08:00");
        auto ok = [](const auto &r) { return r.ok(); };
        QVERIFY(ok(m_acc->run([](Context &c) { return funds::topUp(c, Money::fromCents(500000)); })));
        // A pair, not a structured binding: clang 14 (the sanitizer build) cannot capture those.
        for (const auto &service :
             {std::pair("general-text", "cn-north-4"), std::pair("id-card", "cn-east-3")})
            QVERIFY(ok(m_acc->run([&](Context &c) {
                return services::setEnabled(c, QString::fromLatin1(service.first),
                                            QString::fromLatin1(service.second), true);
            })));
        QVERIFY(ok(m_acc->run([](Context &c) {
            packages::BuyRequest req;
            req.api = QStringLiteral("general-text");
            req.region = QStringLiteral("cn-north-4");
            req.sku = QStringLiteral("100k");
            return packages::buy(c, req);
        })));
        // Two months of daily calls from three projects; November busier than October.
        const BillingCalendar cal(8 * 3600);
        QByteArray csv = "timestamp,api,region,status,enterprise_project,count\n";
        for (int day = 0; day < 50; ++day) {
            const Instant t = at("2026-10-01T10:15:00+08:00") + day * kMicrosPerDay;
            const QString ts = cal.format(t);
            const bool nov = day >= 31;
            csv += line(ts, "general-text", "cn-north-4", "web", nov ? 6000 : 3000);
            csv += line(ts, "id-card", "cn-east-3", "kyc", nov ? 900 : 500);
            csv += line(ts, "id-card", "cn-east-3", "web", 37);
        }
        m_acc->setNow("2026-11-20T10:30:00+08:00");
        QBuffer buf(&csv);
        buf.open(QIODevice::ReadOnly);
        auto imported = m_acc->engine->runThenCatchUp([&](Context &c) {
            return importCalls(c, buf, ImportOptions{QStringLiteral("calls"), false});
        });
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
    }

    void compositionSumsEqualTheBill()
    {
        CompositionPage page(*m_acc->engine, nullptr);
        QAbstractItemModelTester tester(page.model());
        page.period()->setChoice(PeriodPicker::LastMonth);
        const Money bill = billCharged("2026-10");
        QVERIFY(bill > Money());
        for (const char *dim : {"api", "category", "region", "mode", "project"}) {
            page.setDimension(QString::fromLatin1(dim));
            QCOMPARE(page.totals()->moneyTotal(CompositionModel::Cost), bill);
            QCOMPARE(page.model()->composition().total, bill);
        }
        page.setDimension(QStringLiteral("api"));
        QCOMPARE(page.model()->rowCount(), 2);
        QCOMPARE(page.donut()->count(), 2);
        QCOMPARE(page.donut()->slices().at(0)->label(),
                 page.model()->data(page.model()->index(0, 0)).toString());
        // The bill's month-to-date for November, too.
        page.period()->setChoice(PeriodPicker::ThisMonth);
        QCOMPARE(page.totals()->moneyTotal(CompositionModel::Cost), billCharged("2026-11"));
        // Clicking a slice filters the page to it and breaks it down by the next dimension; the chip clears
        // it.
        page.period()->setChoice(PeriodPicker::LastMonth);
        int idCard = -1;
        for (int r = 0; r < page.model()->rowCount(); ++r)
            if (page.model()->key(r) == QLatin1String("id-card"))
                idCard = r;
        QVERIFY(idCard >= 0);
        const Money idCardCost = page.model()->composition().shares[size_t(idCard)].cost;
        emit page.donut()->clicked(page.donut()->slices().at(idCard));
        QCOMPARE(page.filters()->filters().size(), 1);
        QCOMPARE(page.dimension(), QStringLiteral("category"));
        QCOMPARE(page.model()->composition().total, idCardCost);
        auto *chip = page.findChild<QToolButton *>(QStringLiteral("filterChip"));
        QVERIFY(chip);
        QTest::mouseClick(chip, Qt::LeftButton);
        QVERIFY(page.filters()->filters().isEmpty());
        QCOMPARE(page.model()->composition().total, bill);
        // CSV with exact decimal strings.
        const QString csv = toCsv(*page.model());
        QVERIFY(csv.startsWith(QStringLiteral("Category,")));
        // As the table shows it: the columns it hides (the chart's, the other measure's) stay out.
        const QString shown = toCsv(*page.model(), page.table());
        const QString shownHeader = shown.left(shown.indexOf(u'\n'));
        QVERIFY2(!shownHeader.contains(QStringLiteral("1,000")), qPrintable(shownHeader));
        QCOMPARE(shownHeader.count(u',') + 1, page.model()->columnCount() - 3);
    }

    // The chart exports as PDF stay on their page (poppler reads the words back): the composition's
    // charts inside the margins of an A4 landscape page, the analysis plot inside its own page.
    void chartPdfsFitTheirPages()
    {
        for (const char *tool : {"pdftotext", "pdftoppm"})
            QVERIFY2(!QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty(),
                     "poppler-utils is not installed (scripts/setup.sh installs it)");
        QTemporaryDir dir;
        CompositionPage composition(*m_acc->engine, nullptr);
        composition.period()->setChoice(PeriodPicker::LastMonth);
        composition.resize(1400, 900);
        composition.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composition));
        QWidget *charts = composition.donut()->chart()->scene()->views().constFirst()->parentWidget();
        const QString pie = dir.filePath(QStringLiteral("composition.pdf"));
        QString error;
        QVERIFY2(exportWidget(*charts, pie, &error), qPrintable(error));
        QList<test::PdfPage> pages = test::readPdfPages(pie);
        QCOMPARE(pages.size(), 1);
        QVERIFY(!pages.first().words.isEmpty());
        QCOMPARE(test::pageMisfit(pages, widgetPageLayout()), QString());
        QCOMPARE(test::renderProblems(pie, pages.size()), QString());

        ConsoleSettings settings(dir.filePath(QStringLiteral("pdf.ini")));
        AnalysisPage analysis(*m_acc->engine, settings, nullptr);
        analysis.refresh();
        selectCombo(analysis.findChild<QComboBox *>(QStringLiteral("periodChoice")),
                    int(PeriodPicker::LastMonth));
        analysis.resize(1400, 900);
        analysis.show();
        QVERIFY(QTest::qWaitForWindowExposed(&analysis));
        TimeSeriesPlot *plot = analysis.plot();
        QCOMPARE(plot->pointCount(), 31);
        const QString series = dir.filePath(QStringLiteral("analysis.pdf"));
        QVERIFY2(plot->exportTo(series, &error), qPrintable(error));
        pages = test::readPdfPages(series);
        QCOMPARE(pages.size(), 1);
        QVERIFY(!pages.first().words.isEmpty());
        const QPageLayout own(QPageSize(pages.first().size, QPageSize::Point), QPageLayout::Portrait,
                              QMarginsF());
        QCOMPARE(test::pageMisfit(pages, own), QString());
        QCOMPARE(test::renderProblems(series, pages.size()), QString());
    }

    void analysisFollowsGranularityGroupingAndFilters()
    {
        ConsoleSettings settings(m_dir.filePath(QStringLiteral("analysis.ini")));
        AnalysisPage page(*m_acc->engine, settings, nullptr);
        QAbstractItemModelTester tester(page.tableModel());
        page.refresh();
        auto *period = page.findChild<QComboBox *>(QStringLiteral("periodChoice"));
        selectCombo(period, int(PeriodPicker::LastMonth));
        TimeSeriesPlot *plot = page.plot();
        QCOMPARE(plot->pointCount(), 31); // days of October
        QCOMPARE(plot->seriesCount(), 2); // grouped by API
        const Money bill = billCharged("2026-10");
        double sum = 0;
        for (int i = 0; i < plot->seriesCount(); ++i)
            sum += plot->seriesSum(i);
        QCOMPARE(qRound64(sum * 100), bill.units() / Money::CentUnits);
        QVERIFY(page.totalFigure()->value().contains(bill.toDisplayString(QLocale(), 2)));
        QCOMPARE(page.tableModel()->rowCount(), 31);
        QCOMPARE(page.tableModel()->columnCount(), 4); // period, 2 series, total

        selectCombo(page.findChild<QComboBox *>(QStringLiteral("granularity")), int(CostQuery::Hour));
        QCOMPARE(plot->pointCount(), 31 * 24);
        selectCombo(page.findChild<QComboBox *>(QStringLiteral("granularity")), int(CostQuery::Month));
        QCOMPARE(plot->pointCount(), 1);
        selectCombo(page.findChild<QComboBox *>(QStringLiteral("granularity")), int(CostQuery::Day));

        // Two dimensions: API × project.
        selectCombo(page.findChild<QComboBox *>(QStringLiteral("groupBy2")), QStringLiteral("project"));
        QStringList names;
        for (int i = 0; i < plot->seriesCount(); ++i)
            names << plot->seriesName(i);
        QVERIFY2(names.join(u'|').contains(QStringLiteral(" \u00d7 web")), qPrintable(names.join(u'|')));
        QVERIFY(plot->seriesCount() >=
                3); // general-text×web, general-text×(shared), id-card×kyc, id-card×web
        // Top 1 and the rest as "Others".
        page.findChild<QSpinBox *>(QStringLiteral("topN"))->setValue(1);
        QCOMPARE(plot->seriesCount(), 2);
        QCOMPARE(plot->seriesName(1), QStringLiteral("Others"));
        page.findChild<QSpinBox *>(QStringLiteral("topN"))->setValue(8);
        selectCombo(page.findChild<QComboBox *>(QStringLiteral("groupBy2")), QString());

        // A filter on the API leaves one series.
        page.filters()->add(QStringLiteral("api"), QStringLiteral("id-card"));
        QCOMPARE(plot->seriesCount(), 1);
        page.filters()->clear();
        QCOMPARE(plot->seriesCount(), 2);

        // Amortized view: the table sums like the chart.
        selectCombo(page.findChild<QComboBox *>(QStringLiteral("costView")), int(CostQuery::Amortized));
        QVERIFY(plot->seriesCount() >= 2);
        // By the hour (the hour-by-API rollups, waste apart by mode): every hour of October, the view's
        // total.
        selectCombo(page.findChild<QComboBox *>(QStringLiteral("granularity")), int(CostQuery::Hour));
        QCOMPARE(plot->pointCount(), 31 * 24);
        CostQuery october = rangeQuery(at("2026-10-01T00:00:00+08:00"), at("2026-11-01T00:00:00+08:00"));
        october.view = CostQuery::Amortized;
        auto amortized = m_acc->run([&](Context &c) { return analyzeCost(c, october); });
        QVERIFY(amortized.ok() && !amortized->total.isZero());
        double hours = 0;
        for (int i = 0; i < plot->seriesCount(); ++i)
            hours += plot->seriesSum(i);
        QCOMPARE(qRound64(hours * 100), qRound64(double(amortized->total.units()) / Money::CentUnits));
        saveShot(&page, "analysis-amortized-hours.png");
        selectCombo(page.findChild<QComboBox *>(QStringLiteral("granularity")), int(CostQuery::Day));
        // Cumulative this month: the forecast band is drawn.
        selectCombo(page.findChild<QComboBox *>(QStringLiteral("costView")), int(CostQuery::Cash));
        selectCombo(period, int(PeriodPicker::ThisMonth));
        page.findChild<QCheckBox *>(QStringLiteral("cumulative"))->setChecked(true);
        QVERIFY(plot->hasBand());
        QCOMPARE(plot->referenceLineCount(), 0);
        // Budgets appear as horizontal lines, one per threshold on spend.
        Budget budget{0, QStringLiteral("Lines"), Money::fromCents(100000), {80, 100}, {100}, {}};
        auto put = m_acc->run([&](Context &c) { return BudgetRepository(c.db).put(budget); });
        QVERIFY(put);
        page.refresh();
        QCOMPARE(plot->referenceLineCount(), 2);
        // A scoped budget's lines are drawn where the filters select its scope, and only there.
        Budget text{0, QStringLiteral("Text"), Money::fromCents(50000), {100}, {}, {}};
        text.scope.apis = QStringList{QStringLiteral("general-text")};
        auto putText = m_acc->run([&](Context &c) { return BudgetRepository(c.db).put(text); });
        QVERIFY(putText);
        page.refresh();
        QCOMPARE(plot->referenceLineCount(), 2);
        page.filters()->add(QStringLiteral("api"), QStringLiteral("general-text"));
        QCOMPARE(plot->referenceLineCount(), 1);
        page.filters()->add(QStringLiteral("api"), QStringLiteral("id-card"));
        QCOMPARE(plot->referenceLineCount(), 0);
        page.filters()->clear();
        QCOMPARE(plot->referenceLineCount(), 2);
        QVERIFY(m_acc->run([&](Context &c) { return BudgetRepository(c.db).remove(*putText); }));
        QVERIFY(m_acc->run([&](Context &c) { return BudgetRepository(c.db).remove(*put); }));
        page.refresh();
        QCOMPARE(plot->referenceLineCount(), 0);
        QVERIFY(plot->tooltipAt(0).contains(QStringLiteral("Total")));

        // The table is one click away.
        QVERIFY(!page.table()->parentWidget()->isVisibleTo(&page));
        QTest::mouseClick(page.tableToggle(), Qt::LeftButton);
        QVERIFY(page.table()->parentWidget()->isVisibleTo(&page));

        // Zoom and pan.
        const auto before = plot->visibleRange();
        plot->zoom(2.0);
        const auto after = plot->visibleRange();
        QVERIFY(after.second - after.first < before.second - before.first);
        plot->resetView();
    }

    // Unit cost (billing-rules §10) chosen with the mouse on both pages. October, cash view: general-text
    // 127.50 (the package) over 93,000 calls = 1.37096774; id-card 31 × (1.50 + 0.11) = 49.91 over
    // 31 × 537 = 16,647 calls = 2.99813780; all 177.41 over 109,647 = 1.61801052. The shared purchase
    // has no calls: "—".
    void unitCostMeasureOnCompositionAndAnalysis()
    {
        CompositionPage composition(*m_acc->engine, nullptr);
        QAbstractItemModelTester tester(composition.model());
        composition.resize(1400, 900);
        composition.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composition));
        composition.period()->setChoice(PeriodPicker::LastMonth);
        CompositionModel *model = composition.model();
        clickCombo(composition.measureBox(), int(CostMeasure::UnitCost));
        QCOMPARE(model->measure(), CostMeasure::UnitCost);
        QVERIFY(composition.unitCostFigure()->isVisible());
        QCOMPARE(composition.unitCostFigure()->value(), QStringLiteral("1.61 USD"));
        QVERIFY(!composition.donut()->chart()->scene()->views().constFirst()->isVisible());
        QTableView *table = composition.table();
        QVERIFY(!table->isColumnHidden(CompositionModel::UnitCost));
        QVERIFY(table->isColumnHidden(CompositionModel::Share));
        QCOMPARE(model->headerData(CompositionModel::UnitCost, Qt::Horizontal).toString(),
                 QStringLiteral("Per 1,000 calls (USD)"));
        const int general = rowOf(model, QStringLiteral("General Text"));
        const int card = rowOf(model, QStringLiteral("ID Card"));
        QVERIFY(general >= 0 && card >= 0);
        const auto unitAt = [&](int row, int column) {
            return Money::fromUnits(model->index(row, column).data(MoneyRole).toLongLong());
        };
        QCOMPARE(unitAt(general, CompositionModel::UnitCost), Money::fromUnits(137'096'774));
        QCOMPARE(unitAt(card, CompositionModel::UnitCost), Money::fromUnits(299'813'780));
        QCOMPARE(model->index(card, CompositionModel::UnitCost).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Exact: 2.99813780"));
        // September had no calls: before and change undefined, "—", never 0.
        QCOMPARE(model->index(card, CompositionModel::Previous).data().toString(), QStringLiteral("\u2014"));
        QVERIFY(!model->index(card, CompositionModel::Previous).data(MoneyRole).isValid());
        QCOMPARE(model->index(card, CompositionModel::Change).data().toString(), QStringLiteral("\u2014"));
        // The totals row: the unit cost of the sums, not their sum.
        QCOMPARE(composition.totals()->unitCostTotal(CompositionModel::UnitCost),
                 std::optional(Money::fromUnits(161'801'052)));
        QCOMPARE(composition.totals()->unitCostTotal(CompositionModel::Previous), std::nullopt);
        QCOMPARE(composition.totals()->moneyTotal(CompositionModel::Cost), billCharged("2026-10"));
        // The delegate shows money the one way: cents, the exact figure in the tooltip.
        auto *delegate =
            qobject_cast<MoneyDelegate *>(table->itemDelegateForColumn(CompositionModel::UnitCost));
        QVERIFY(delegate);
        QCOMPARE(delegate->displayText(model->index(card, CompositionModel::UnitCost), QLocale()),
                 QStringLiteral("2.99"));
        // By project: the shared purchase has 127.50 and no calls.
        composition.setDimension(QStringLiteral("project"));
        int shared = -1;
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->key(r) == kProjectShared)
                shared = r;
        QVERIFY2(shared >= 0, qPrintable(model->index(0, 0).data().toString()));
        QCOMPARE(model->index(shared, CompositionModel::Calls).data(SortRole).toLongLong(), 0);
        QCOMPARE(model->index(shared, CompositionModel::UnitCost).data().toString(),
                 QStringLiteral("\u2014"));
        QCOMPARE(delegate->displayText(model->index(shared, CompositionModel::UnitCost), QLocale()),
                 QString());
        saveShot(&composition, "composition-unit-cost.png");
        // Calls: shares of the calls; back to cost: as before.
        clickCombo(composition.measureBox(), int(CostMeasure::Calls));
        QVERIFY(!composition.unitCostFigure()->isVisible());
        QCOMPARE(composition.totals()->countTotal(CompositionModel::Calls), qint64(93'000 + 16'647));
        QCOMPARE(composition.totals()->countTotal(CompositionModel::Previous), qint64(0));
        saveShot(&composition, "composition-calls.png");
        clickCombo(composition.measureBox(), int(CostMeasure::Cost));
        QVERIFY(table->isColumnHidden(CompositionModel::UnitCost));
        QCOMPARE(composition.totals()->moneyTotal(CompositionModel::Previous), Money());

        ConsoleSettings settings(m_dir.filePath(QStringLiteral("unitcost.ini")));
        AnalysisPage analysis(*m_acc->engine, settings, nullptr);
        QAbstractItemModelTester seriesTester(analysis.tableModel());
        analysis.resize(1400, 900);
        analysis.show();
        QVERIFY(QTest::qWaitForWindowExposed(&analysis));
        analysis.refresh();
        clickCombo(analysis.findChild<QComboBox *>(QStringLiteral("periodChoice")),
                   int(PeriodPicker::LastMonth));
        auto *measure = analysis.findChild<QComboBox *>(QStringLiteral("measure"));
        QCOMPARE(measure->itemText(2), QStringLiteral("Unit cost per 1,000 calls"));
        clickCombo(measure, int(CostMeasure::UnitCost));
        QCOMPARE(analysis.currentView().measure, CostMeasure::UnitCost);
        QTest::mouseClick(analysis.tableToggle(), Qt::LeftButton);
        TimeSeriesPlot *plot = analysis.plot();
        QCOMPARE(plot->style(), TimeSeriesPlot::Style::Points);
        QVERIFY(!analysis.findChild<QComboBox *>(QStringLiteral("style"))->isEnabled());
        QCOMPARE(analysis.totalFigure()->value(), QStringLiteral("1.61 USD per 1,000 calls"));
        SeriesTableModel *series = analysis.tableModel();
        QCOMPARE(series->rowCount(), 31);
        const int generalCol = columnOf(series, QStringLiteral("General Text (USD per 1,000 calls)"));
        const int cardCol = columnOf(series, QStringLiteral("ID Card"));
        QVERIFY(generalCol > 0 && cardCol > 0);
        // Oct 1: the package's 127.50 over that day's 3,000 calls; after it, calls on the package cost 0.
        QCOMPARE(series->index(0, generalCol).data(MoneyRole).toLongLong(), 4'250'000'000);
        QCOMPARE(series->index(1, generalCol).data(MoneyRole).toLongLong(), 0);
        QCOMPARE(series->index(5, cardCol).data(MoneyRole).toLongLong(), 299'813'780); // 1.61 over 537
        QCOMPARE(plot->seriesValue(generalCol - 1, 0), 42.5);
        // The footer: the unit cost of each column's sums.
        auto *footer = analysis.findChild<TotalsFooter *>();
        QVERIFY(footer);
        auto *totals = qobject_cast<TotalsModel *>(footer->model());
        QVERIFY(totals);
        QCOMPARE(totals->unitCostTotal(generalCol), std::optional(Money::fromUnits(137'096'774)));
        QCOMPARE(totals->unitCostTotal(cardCol), std::optional(Money::fromUnits(299'813'780)));
        QCOMPARE(totals->unitCostTotal(series->totalColumn()), std::optional(Money::fromUnits(161'801'052)));
        // Grouped by project: the shared purchase's series is a gap in the chart and "—" in the table.
        clickCombo(analysis.findChild<QComboBox *>(QStringLiteral("groupBy1")), QStringLiteral("project"));
        const int sharedCol = columnOf(series, QStringLiteral("Shared"));
        QVERIFY2(sharedCol > 0, qPrintable(series->headerData(1, Qt::Horizontal).toString()));
        QCOMPARE(series->index(0, sharedCol).data().toString(), QStringLiteral("\u2014"));
        QVERIFY(!series->index(0, sharedCol).data(MoneyRole).isValid());
        QVERIFY(qIsNaN(plot->seriesValue(sharedCol - 1, 0)));
        QCOMPARE(qobject_cast<TotalsModel *>(footer->model())->unitCostTotal(sharedCol), std::nullopt);
        QVERIFY(plot->tooltipAt(0).contains(QStringLiteral("\u2014")));
        clickCombo(analysis.findChild<QComboBox *>(QStringLiteral("groupBy1")), QStringLiteral("api"));
        // Amortized: general-text's 118.57 (93,000 of 100,000 calls of 127.50, floored to the cent) over
        // 93,000 calls.
        clickCombo(analysis.findChild<QComboBox *>(QStringLiteral("costView")), int(CostQuery::Amortized));
        totals = qobject_cast<TotalsModel *>(footer->model());
        QCOMPARE(totals->unitCostTotal(columnOf(series, QStringLiteral("General Text"))),
                 std::optional(Money::fromUnits(127'494'623)));
        clickCombo(analysis.findChild<QComboBox *>(QStringLiteral("costView")), int(CostQuery::Cash));
        saveShot(&analysis, "analysis-unit-cost.png");
        // Saved with the view, and back to cost: stacked again.
        const AnalysisView v = analysis.currentView();
        QCOMPARE(AnalysisView::fromJson(v.toJson()).measure, CostMeasure::UnitCost);
        clickCombo(measure, int(CostMeasure::Cost));
        QCOMPARE(plot->style(), TimeSeriesPlot::Style::Stacked);
        QVERIFY(
            analysis.totalFigure()->value().contains(billCharged("2026-10").toDisplayString(QLocale(), 2)));
    }

    void savedViewsAreUndoable()
    {
        ConsoleSettings settings(m_dir.filePath(QStringLiteral("views.ini")));
        AnalysisPage page(*m_acc->engine, settings, nullptr);
        page.refresh();
        selectCombo(page.findChild<QComboBox *>(QStringLiteral("granularity")), int(CostQuery::Hour));
        page.saveView(QStringLiteral("Hourly"));
        QVERIFY(page.savedViews()->view(QStringLiteral("Hourly")));
        QCOMPARE(page.savedViews()->view(QStringLiteral("Hourly"))->granularity, CostQuery::Hour);
        page.undoStack()->undo();
        QVERIFY(!page.savedViews()->view(QStringLiteral("Hourly")));
        page.undoStack()->redo();
        page.deleteView(QStringLiteral("Hourly"));
        QVERIFY(!page.savedViews()->view(QStringLiteral("Hourly")));
        page.undoStack()->undo();
        QVERIFY(page.savedViews()->view(QStringLiteral("Hourly")));
        // Kept in the settings.
        SavedViewStore again(settings, nullptr);
        QVERIFY(again.view(QStringLiteral("Hourly")));
        selectCombo(page.findChild<QComboBox *>(QStringLiteral("granularity")), int(CostQuery::Month));
        page.applyView(*again.view(QStringLiteral("Hourly")));
        QCOMPARE(page.currentView().granularity, CostQuery::Hour);
    }

    void allocationSplitsToTheCentAndTagsUndo()
    {
        AllocationPage page(*m_acc->engine, nullptr);
        QAbstractItemModelTester tester(page.projects());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.period()->setChoice(PeriodPicker::LastMonth);
        // The package was bought in October: its price is shared, and every part adds up to the bill.
        QCOMPARE(page.totals()->moneyTotal(ProjectCostModel::Total), billCharged("2026-10"));
        QVERIFY(page.splitLabel()->text().contains(QStringLiteral("127.50")));
        selectCombo(page.ruleCombo(), int(AllocationRule::Even));
        QCOMPARE(page.totals()->moneyTotal(ProjectCostModel::Total), billCharged("2026-10"));
        selectCombo(page.ruleCombo(), int(AllocationRule::Fixed));
        QVERIFY(page.percentTable()->isVisible());
        QCOMPARE(page.totals()->moneyTotal(ProjectCostModel::Total), billCharged("2026-10"));
        page.percentTable()->item(0, 1)->setText(QStringLiteral("10"));
        QVERIFY(page.percentError()->text().contains(QStringLiteral("100")));
        QCOMPARE(AllocationPage::parseBasisPoints(QStringLiteral("33.33")), 3333);
        QCOMPARE(AllocationPage::parseBasisPoints(QStringLiteral("101")), -1);
        selectCombo(page.ruleCombo(), int(AllocationRule::Proportional));

        // Edit the tags of "web" in place, then Ctrl+Z.
        int web = -1;
        for (int r = 0; r < page.projects()->rowCount(); ++r)
            if (page.projects()->cost(r).project == QLatin1String("web"))
                web = r;
        QVERIFY(web >= 0);
        QTableView *table = page.projectTable();
        const QModelIndex cell = page.projects()->index(web, ProjectCostModel::Tags);
        table->setCurrentIndex(cell);
        table->setFocus();
        QTest::keyClick(table, Qt::Key_F2);
        auto *editor = qobject_cast<QLineEdit *>(table->indexWidget(cell));
        if (!editor)
            editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(editor);
        editor->selectAll();
        QSignalSpy edited(page.projects(), &ProjectCostModel::tagsEdited);
        QTest::keyClicks(editor, QStringLiteral("frontend, team-a"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(edited.size(), 1); // the delegate commits on Return through a queued call
        QVERIFY2(page.findChild<ErrorBanner *>()->message().isEmpty(),
                 qPrintable(page.findChild<ErrorBanner *>()->message()));
        auto tags = [this] {
            auto t = m_acc->run([](Context &c) { return TagRepository(c.db).tags(QStringLiteral("web")); });
            return t ? *t : QStringList{QStringLiteral("error")};
        };
        QCOMPARE(tags(), (QStringList{"frontend", "team-a"}));
        QTRY_COMPARE(page.byTag()->rowCount() >= 2, true);
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(tags(), QStringList());
        QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(tags(), (QStringList{"frontend", "team-a"}));
        page.undoStack()->undo();
        QCOMPARE(tags(), QStringList());
    }

    void budgetsAreAddedAndUndone()
    {
        BudgetsPage page(*m_acc->engine, nullptr);
        QAbstractItemModelTester tester(page.model());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.refresh();
        QTest::keyClicks(page.nameEdit(), QStringLiteral("OCR total"));
        QTest::keyClicks(page.amountEdit(), QStringLiteral("12.345"));
        QVERIFY(!page.saveButton()->isEnabled());
        QVERIFY(!page.formError()->text().isEmpty());
        QTest::keyClick(page.amountEdit(), Qt::Key_Backspace);
        QVERIFY(page.saveButton()->isEnabled());
        QTest::mouseClick(page.saveButton(), Qt::LeftButton);
        auto budgets = [this] {
            auto b = m_acc->run([](Context &c) { return BudgetRepository(c.db).all(); });
            return b ? b->size() : size_t(99);
        };
        QCOMPARE(budgets(), size_t(1));
        QTRY_COMPARE(page.model()->rowCount(), 1);
        QCOMPARE(page.model()->status(0).budget.amount, Money::fromCents(1234));
        QVERIFY(page.model()->status(0).actual > Money());
        page.table()->setFocus();
        QTest::keyClick(page.table(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(budgets(), size_t(0));
        QTRY_COMPARE(page.model()->rowCount(), 0);
        page.undoStack()->redo();
        QCOMPARE(budgets(), size_t(1));
        QTRY_COMPARE(page.model()->rowCount(), 1);
        page.table()->selectRow(0);
        QVERIFY(page.removeButton()->text().contains(QStringLiteral("OCR total")));
        QTest::mouseClick(page.removeButton(), Qt::LeftButton);
        QCOMPARE(budgets(), size_t(0));
        page.undoStack()->undo();
        QCOMPARE(budgets(), size_t(1));
    }

    void optimizationOpensPackages()
    {
        OptimizationPage page(*m_acc->engine, nullptr);
        QAbstractItemModelTester tester(page.model());
        page.refresh();
        QCOMPARE(page.model()->rowCount(), 2);
        QSignalSpy open(&page, &Page::openPageRequested);
        page.table()->selectRow(0);
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("openPackages")), Qt::LeftButton);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.at(0).at(0).value<PageId>(), PageId::Packages);
    }

    void calculatorPricesAsYouType()
    {
        CalculatorPage page(*m_acc->engine, nullptr);
        QAbstractItemModelTester tester(page.quotes());
        page.refresh();
        page.callsEdit()->clear();
        QTest::keyClicks(page.callsEdit(), QStringLiteral("1200000"));
        QCOMPARE(page.quotes()->rowCount(), 5); // pay-per-use and 4 SKUs
        QCOMPARE(page.quotes()->data(page.quotes()->index(0, QuoteModel::MonthlyCost)).toString(),
                 QStringLiteral("1,740.00")); // 1,000,000 × 1.50 + 200,000 × 1.20
        QCOMPARE(page.tiers()->rowCount(), 2);
        QTest::keyClicks(page.callsEdit(), QStringLiteral("x"));
        QVERIFY(!page.findChild<QLabel *>(QStringLiteral("callsError"))->text().isEmpty());
    }

    void calculatorShowsTheMarginalPriceOfTheChosenRegion()
    {
        // billing-rules §10: general-text at 999,500 calls this month in cn-north-4: 500 × 1.50 + 500 × 1.20;
        // in cn-east-3 nothing yet: tier 1.
        test::TestAccount acc("2026-11-20T10:00:00+08:00");
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(200000)); }).ok());
        QVERIFY(acc.run([](Context &c) {
                       return services::setEnabled(c, QStringLiteral("general-text"),
                                                   QStringLiteral("cn-north-4"), true);
                   })
                    .ok());
        acc.setNow("2026-11-20T10:30:00+08:00"); // the calls are not in the future
        QByteArray csv =
            "timestamp,api,region,status,enterprise_project,count\n" +
            line(QStringLiteral("2026-11-20T10:10:00+08:00"), "general-text", "cn-north-4", "p", 999'500);
        QBuffer buf(&csv);
        buf.open(QIODevice::ReadOnly);
        QVERIFY(acc.engine
                    ->runThenCatchUp([&](Context &c) {
                        return importCalls(c, buf, ImportOptions{QStringLiteral("t"), false});
                    })
                    .ok());
        acc.setNow("2026-11-20T11:00:00+08:00");
        CalculatorPage page(*acc.engine, nullptr);
        page.resize(900, 650);
        page.show();
        page.refresh();
        QCOMPARE(page.apiCombo()->currentData().toString(), QStringLiteral("general-text"));
        QCOMPARE(page.regionCombo()->currentData().toString(), QStringLiteral("cn-north-4"));
        QVERIFY2(page.marginalLabel()->text().contains(QLatin1String("cost 1.35000000 USD now")),
                 qPrintable(page.marginalLabel()->text()));
        QVERIFY(page.marginalLabel()->toolTip().contains(
            QLatin1String("500 at tier 2, 1.20000000 USD per 1,000")));
        if (const QString dir = qEnvironmentVariable("BILLING_DIALOG_SHOTS"); !dir.isEmpty())
            page.grab().save(dir + QStringLiteral("/page-calculator-marginal.png"));
        page.regionCombo()->setFocus();
        QTest::keyClick(page.regionCombo(), Qt::Key_Down);
        QCOMPARE(page.regionCombo()->currentData().toString(), QStringLiteral("cn-east-3"));
        QVERIFY2(page.marginalLabel()->text().contains(QLatin1String("cost 1.50000000 USD now")),
                 qPrintable(page.marginalLabel()->text()));
    }
};

QTEST_MAIN(TestCostCenter)
#include "tst_costcenter.moc"
