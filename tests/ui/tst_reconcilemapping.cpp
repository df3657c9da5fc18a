// Issue #14: a provider bill in a layout the reconciliation does not recognize, driven with real clicks
// and typing: Reconcile refuses it and opens the column-mapping dialog over it; a profile without its
// required fields is not saved, a field given to a second column leaves the first (and says so), the
// catalog's provider product names are listed; the profile is saved (a second save under the same name
// asks first, and declining keeps the saved one), "Use for the reconciliation" runs it, and billingctl
// reconcile --profile with the same profile finds the same differences.
#include "auth/members.h"
#include "bills/reconciliationpage.h"
#include "catalog/catalog.h"
#include "engine/context.h"
#include "mapping/columnmappingdialog.h"
#include "mapping/profiles.h"
#include "pagewalk.h"
#include "widgets/confirmdialog.h"
#include "widgets/errorbanner.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSize>
#include <QTableWidget>
#include <QTest>

using namespace billing;
using namespace billing::ui;

namespace {
const QString kMonth = QStringLiteral("2026-10");
const QString kProfile = QStringLiteral("Finance export");
// The file's columns and the field each gives; "Notes" is left on Ignore.
const QStringList kColumns{"Notes", "Period", "Booked at", "Product name", "Zone", "Plan",
                           "Kind",  "Team",   "Qty",       "Gross",        "Cut",  "Net"};
const QStringList kFields{QString(), "billing_cycle", "expenditure_time", "api",
                          "region",  "mode",          "bill_type",        "project",
                          "calls",   "fee",           "rounded_off",      "charged"};

// The month's charges in someone else's layout: provider product names and the catalog's region names,
// a row of another service first, and one usage line a cent short.
bool writeBill(Engine &engine, const QString &path)
{
    auto records = engine.run([](Context &ctx) {
        RecordFilter f;
        f.billMonth = kMonth;
        return ctx.records.list(f);
    });
    if (!records)
        return false;
    const Catalog &catalog = engine.catalog();
    const BillingCalendar calendar;
    QString text = kColumns.join(u',') + u'\n';
    text +=
        QStringLiteral("vm,%1,%1-05 10:00:00 GMT+08:00,Elastic Cloud Server,CN North-Beijing4,pay-per-use,"
                       "usage,default,1,3.2,0,3.2\n")
            .arg(kMonth);
    bool shortened = false;
    for (Record r : *records) {
        if (r.type == Record::Type::TopUp || r.type == Record::Type::Coupon)
            continue;
        if (!shortened && r.type == Record::Type::Usage && r.mode == kModePayPerUse &&
            r.charged >= Money::fromCents(1)) {
            r.charged -= Money::fromCents(1);
            r.roundedOff += Money::fromCents(1);
            shortened = true;
        }
        const ApiInfo *api = catalog.api(r.api);
        const RegionInfo *region = catalog.region(r.region);
        if (!api || !region)
            return false;
        text += QStringList{QStringLiteral("x"),
                            r.billMonth,
                            calendar.format(r.expenditureAt),
                            api->providerNames.value(0, api->name),
                            region->name,
                            r.mode,
                            recordTypeId(r.type),
                            r.project,
                            QString::number(r.calls),
                            r.fee.toString(8),
                            r.roundedOff.toString(8),
                            r.charged.toString()}
                    .join(u',') +
                u'\n';
    }
    QFile f(path);
    return shortened && f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) > 0;
}

// Opens a combo box with a click, moves to the item with data in its list with the arrow keys and takes
// it with Enter (moving the closed combo box with the keys would give each passing field to the column
// for a moment).
void choose(QComboBox *combo, const QVariant &data)
{
    const int target = combo->findData(data);
    QVERIFY2(target >= 0, qPrintable(data.toString()));
    QTest::mouseClick(combo, Qt::LeftButton);
    QAbstractItemView *list = combo->view();
    QTRY_VERIFY(list->isVisible());
    while (list->currentIndex().row() < target)
        QTest::keyClick(list, Qt::Key_Down);
    while (list->currentIndex().row() > target)
        QTest::keyClick(list, Qt::Key_Up);
    QTest::keyClick(list, Qt::Key_Return);
    QTRY_VERIFY(!list->isVisible());
    QCOMPARE(combo->currentIndex(), target);
}

void shoot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("BILLING_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(dir + u'/' + name);
}

std::optional<ColumnProfile> stored(Engine &engine)
{
    auto ctx = engine.inspect();
    if (!ctx)
        return std::nullopt;
    auto p = columnProfile(**ctx, ProfileKind::ProviderBill, kProfile);
    return p ? std::optional<ColumnProfile>(*p) : std::nullopt;
}
} // namespace

class TestReconcileMapping : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void mapSaveReconcileAndTheCliAgrees()
    {
        test::DemoAccount acc;
        const QString file = acc.dir.filePath(QStringLiteral("finance-export.csv"));
        QVERIFY(writeBill(*acc.engine, file));
        ReconciliationPage page(*acc.engine, nullptr);
        page.resize(1100, 700);
        page.refresh();
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        // Not a layout the headers tell: refused, and the mapping dialog opens over the file.
        page.setFiles({file});
        QTest::mouseClick(page.reconcileButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 30000);
        QVERIFY(!page.result().has_value());
        QVERIFY2(page.banner()->message().contains(QStringLiteral("--profile")),
                 qPrintable(page.banner()->message()));
        auto *dialog = page.findChild<ColumnMappingDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->kind(), ProfileKind::ProviderBill);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isReading() && dialog->sourceTable()->columnCount() == 12, 10000);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->sourceTable()->item(1, 3)->text(), QStringLiteral("Elastic Cloud Server"));
        QVERIFY2(dialog->statusText().contains(QStringLiteral("API (product)")) &&
                     dialog->statusText().contains(QStringLiteral("Amount due")),
                 qPrintable(dialog->statusText()));
        // The catalog's provider names of the APIs, read-only.
        QTableWidget *products = dialog->productTable();
        QVERIFY(products && products->rowCount() >= int(acc.engine->catalog().apis().size()));
        QCOMPARE(products->editTriggers(), QAbstractItemView::NoEditTriggers);

        // Saving before the required fields are mapped: a clear message, nothing saved.
        QTest::keyClicks(dialog->nameEdit(), kProfile);
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QVERIFY2(dialog->statusText().startsWith(QStringLiteral("Not saved: Choose the column of:")),
                 qPrintable(dialog->statusText()));
        QVERIFY(!stored(*acc.engine));

        for (int c = 1; c < kColumns.size(); ++c)
            choose(dialog->fieldCombo(c), kFields[c]);
        // A field comes from one column: giving "Amount due" to Notes takes it from Net, and says so.
        choose(dialog->fieldCombo(0), QStringLiteral("charged"));
        QCOMPARE(dialog->fieldCombo(11)->currentData().toString(), QString());
        QVERIFY2(dialog->statusText().contains(QStringLiteral("no longer from Net")),
                 qPrintable(dialog->statusText()));
        choose(dialog->fieldCombo(0), QString());
        choose(dialog->fieldCombo(11), QStringLiteral("charged"));

        // The rows as the reconciliation reads them: the other service ignored, the rest lines.
        QTableWidget *preview = dialog->previewTable();
        QCOMPARE(preview->rowCount(), ColumnMappingDialog::kPreviewRows);
        QVERIFY2(preview->item(0, 11)->text().startsWith(QStringLiteral("ignored: ")),
                 qPrintable(preview->item(0, 11)->text()));
        QCOMPARE(preview->item(1, 1)->text(), kMonth);
        QVERIFY(!preview->item(1, 3)->text().isEmpty());
        QVERIFY2(preview->item(1, 11)->text().isEmpty(), qPrintable(preview->item(1, 11)->text()));
        QVERIFY2(dialog->statusText().contains(QStringLiteral("read correctly")),
                 qPrintable(dialog->statusText()));
        dialog->resize(dialog->size().expandedTo(QSize(1150, 940))); // as a user widens it for the guide
        dialog->sourceTable()->scrollToItem(dialog->sourceTable()->item(1, 0));
        preview->scrollToItem(preview->item(0, 0));
        shoot(dialog, QStringLiteral("dialog-map-bill-columns.png"));

        // Not saved yet: the reconciliation reads a profile by name, so OK waits for the save.
        QVERIFY(!dialog->okButton()->isEnabled());
        QSignalSpy saved(dialog, &ColumnMappingDialog::saved);
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QCOMPARE(saved.count(), 1);
        const std::optional<ColumnProfile> profile = stored(*acc.engine);
        QVERIFY(profile);
        QCOMPARE(profile->columns.at(QStringLiteral("Net")), QStringLiteral("charged"));
        QVERIFY(!profile->columns.count(QStringLiteral("Notes")));
        QCOMPARE(page.profileChoice()->currentData().toString(), kProfile);

        // The same name again asks first; declining saves nothing.
        choose(dialog->fieldCombo(7), QString()); // Team no longer read
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        auto *confirm = dialog->findChild<ConfirmDialog *>();
        QVERIFY(confirm && confirm->isVisible());
        QVERIFY(confirm->findChild<QDialogButtonBox *>());
        QTest::mouseClick(confirm->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel),
                          Qt::LeftButton);
        QCOMPARE(saved.count(), 1);
        QVERIFY(stored(*acc.engine) == profile);
        QVERIFY(!dialog->okButton()->isEnabled()); // what is shown is not what is saved
        choose(dialog->fieldCombo(7), QStringLiteral("project"));
        QVERIFY(dialog->okButton()->isEnabled());

        // Use it: the page reconciles the file with the profile.
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy() && page.result().has_value(), 30000);
        const Reconciliation result = *page.result();
        QCOMPARE(result.files.front().format, kProfile);
        QCOMPARE(result.files.front().ignored.size(), size_t(1));
        const MonthReconciliation *october = nullptr;
        for (const MonthReconciliation &m : result.months)
            if (m.month == kMonth)
                october = &m;
        QVERIFY(october);
        QCOMPARE(october->difference(), -Money::fromCents(1));
        QCOMPARE(october->differences.size(), size_t(1));
        QCOMPARE(october->differences.front().cause, Cause::Rounding);
        QVERIFY(QTest::qWaitFor([&] { return page.findChild<ColumnMappingDialog *>() == nullptr; }, 5000));
        shoot(&page, QStringLiteral("page-reconciliation-mapped.png"));

        // billingctl with the same profile finds the same differences.
        QProcess cli;
        cli.start(qEnvironmentVariable("BILLINGCTL"), {"--db", acc.path, "--now", "2026-11-27T10:00:00+08:00",
                                                       "--json", "reconcile", file, "--profile", kProfile});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 1); // differences
        const QJsonObject json = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        const QJsonArray months = json.value("months").toArray();
        QCOMPARE(months.size(), qsizetype(result.months.size()));
        const BillingCalendar calendar;
        for (int i = 0; i < months.size(); ++i) {
            const QJsonObject m = months[i].toObject();
            const MonthReconciliation &ours = result.months[size_t(i)];
            QCOMPARE(m.value("month").toString(), ours.month);
            QCOMPARE(m.value("difference").toString(), ours.difference().toString());
            QJsonArray differences;
            for (const Difference &d : ours.differences)
                differences.append(differenceJson(d, calendar));
            QCOMPARE(m.value("differences").toArray(), differences);
        }
        QCOMPARE(json.value("files").toArray()[0].toObject().value("format").toString(), kProfile);
    }

    // "Mapping profiles…" opens the dialog over the chosen file with the chosen profile; an analyst sees
    // the mapping but may not save it.
    void anAnalystLooksButDoesNotSave()
    {
        test::DemoAccount acc;
        const QString file = acc.dir.filePath(QStringLiteral("finance-export.csv"));
        QVERIFY(writeBill(*acc.engine, file));
        acc.engine->setActor(QStringLiteral("boss"));
        QVERIFY(
            acc.engine->run([](Context &c) { return setMember(c, QStringLiteral("boss"), Role::Owner); }));
        QVERIFY(
            acc.engine->run([](Context &c) { return setMember(c, QStringLiteral("ana"), Role::Analyst); }));
        acc.engine->setActor(QStringLiteral("ana"));
        ReconciliationPage page(*acc.engine, nullptr);
        page.refresh();
        page.setFiles({file});
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTest::mouseClick(page.mappingButton(), Qt::LeftButton);
        auto *dialog = page.findChild<ColumnMappingDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isReading() && dialog->sourceTable()->columnCount() == 12, 10000);
        QVERIFY(dialog->saveButton()->isHidden());
        QVERIFY(dialog->nameEdit()->isReadOnly());
        QVERIFY(dialog->productTable()->rowCount() > 0);
        dialog->reject();
    }
};

QTEST_MAIN(TestReconcileMapping)
#include "tst_reconcilemapping.moc"
