// The column-mapping dialog (issue #19): a gateway's log opened from the import dialog, its columns
// chosen with the keyboard, the profile saved (and replaced after asking), and the import run with it.
#include "bills/importdialog.h"
#include "engine/importer.h"
#include "engine/services.h"
#include "mapping/columnmappingdialog.h"
#include "mapping/profiles.h"
#include "testaccount.h"
#include "widgets/confirmdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace billing;
using namespace billing::ui;

namespace {

QPushButton *button(QWidget *in, const QString &text)
{
    for (QPushButton *b : in->findChildren<QPushButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

// Moves a combo box down to the item with data, one key press at a time.
void chooseWithKeys(QComboBox *combo, const QVariant &data)
{
    const int target = combo->findData(data);
    QVERIFY(target >= 0);
    combo->setFocus();
    while (combo->currentIndex() < target)
        QTest::keyClick(combo, Qt::Key_Down);
    while (combo->currentIndex() > target)
        QTest::keyClick(combo, Qt::Key_Up);
    QCOMPARE(combo->currentIndex(), target);
}

// Types the start of an item's text into a closed combo box, as people pick from a list by keyboard.
void chooseByTyping(QComboBox *combo, const QString &start, const QVariant &data)
{
    combo->setFocus();
    QTest::qWait(QApplication::keyboardInputInterval() + 50); // a new search, not the last one's continuation
    QTest::keyClicks(combo, start);
    QCOMPARE(combo->currentData(), data);
}

bool waitIdle(ColumnMappingDialog *dialog)
{
    return QTest::qWaitFor([dialog] { return !dialog->isReading(); }, 10000);
}

void grab(QWidget *w, const char *name)
{
    const QString dir = qEnvironmentVariable("BILLING_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(dir + u'/' + QLatin1String(name));
}

} // namespace

class TestColumnMapping : public QObject
{
    Q_OBJECT

private slots:
    void mapSaveAndImportAGatewayLog()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([](Context &c) {
            return services::setEnabled(c, QStringLiteral("general-text"), QStringLiteral("cn-north-4"),
                                        true);
        }));
        // Saving a profile catches the account up like any change: the calls are in the hour not yet settled.
        acc.setNow("2026-10-01T12:59:00+08:00");
        const QString path = acc.dir.filePath(QStringLiteral("gateway.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("when,service,dc,code,note\n"
                "2026-10-01 12:00:00,General Text OCR,Beijing,200,first\n"
                "2026-10-01 12:00:01,General Text OCR,Beijing,200,second\n"
                "2026-10-01 12:30:00,General Text OCR,Beijing,500,failed\n");
        f.close();

        ImportDialog import(*acc.engine, nullptr);
        import.setPath(path);
        import.show();
        QCOMPARE(import.profileChoice()->count(), 1); // the strict format only
        QTest::mouseClick(button(&import, QStringLiteral("&Map columns\u2026")), Qt::LeftButton);
        auto *dialog = import.findChild<ColumnMappingDialog *>();
        QVERIFY(dialog);
        QVERIFY(waitIdle(dialog));
        QTableWidget *source = dialog->sourceTable();
        QCOMPARE(source->columnCount(), 5);
        QCOMPARE(source->rowCount(), 4); // the field choices and three rows
        QCOMPARE(source->item(1, 1)->text(), QStringLiteral("General Text OCR"));
        QVERIFY(dialog->statusText().startsWith(QStringLiteral("Choose the column of: Time, API, Region")));

        chooseByTyping(dialog->fieldCombo(0), QStringLiteral("T"), QStringLiteral("timestamp"));
        chooseByTyping(dialog->fieldCombo(1), QStringLiteral("A"), QStringLiteral("api"));
        chooseByTyping(dialog->fieldCombo(2), QStringLiteral("R"), QStringLiteral("region"));
        chooseByTyping(dialog->fieldCombo(3), QStringLiteral("H"), QStringLiteral("status"));
        // A field comes from one column: giving it to another takes it from the first.
        chooseByTyping(dialog->fieldCombo(4), QStringLiteral("H"), QStringLiteral("status"));
        QCOMPARE(dialog->fieldCombo(3)->currentData(), QVariant(QString()));
        chooseByTyping(dialog->fieldCombo(4), QStringLiteral("I"), QString());
        chooseByTyping(dialog->fieldCombo(3), QStringLiteral("H"), QStringLiteral("status"));
        QVERIFY(waitIdle(dialog));
        // Not a time in ISO 8601 yet: every row refused, naming the file's own column.
        QTableWidget *preview = dialog->previewTable();
        QCOMPARE(preview->rowCount(), 3);
        QVERIFY2(preview->item(0, 7)->text().startsWith(QStringLiteral("when: ")),
                 qPrintable(preview->item(0, 7)->text()));
        grab(dialog, "columnmapping-refused.png");

        chooseWithKeys(dialog->timeFormatCombo(), int(TimeFormat::Local));
        QCOMPARE(dialog->offsetCombo()->currentText(), QStringLiteral("UTC+08:00"));
        QTableWidget *values = dialog->valueTable();
        QCOMPARE(values->rowCount(), 2); // "General Text OCR" and "Beijing"
        QCOMPARE(values->item(0, 1)->text(), QStringLiteral("General Text OCR"));
        chooseWithKeys(qobject_cast<QComboBox *>(values->cellWidget(0, 2)), QStringLiteral("general-text"));
        chooseWithKeys(qobject_cast<QComboBox *>(values->cellWidget(1, 2)), QStringLiteral("cn-north-4"));
        QVERIFY(waitIdle(dialog));
        QCOMPARE(preview->rowCount(), 3);
        for (int r = 0; r < 3; ++r)
            QVERIFY2(preview->item(r, 7)->text().isEmpty(), qPrintable(preview->item(r, 7)->text()));
        QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("2026-10-01T12:00:00+08:00"));
        QCOMPARE(preview->item(2, 4)->text(), QStringLiteral("500"));
        grab(dialog, "columnmapping.png");

        // Save under a name; saving it again asks before replacing.
        QSignalSpy saved(dialog, &ColumnMappingDialog::saved);
        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Gateway"));
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QCOMPARE(saved.count(), 1);
        auto stored = acc.run([](Context &c) { return columnProfile(c, ProfileKind::CallLog, "Gateway"); });
        QVERIFY(stored);
        QCOMPARE(stored->columns.at(QStringLiteral("dc")), QStringLiteral("region"));
        QCOMPARE(stored->values.at(QStringLiteral("api")).at(QStringLiteral("General Text OCR")),
                 QStringLiteral("general-text"));
        QCOMPARE(stored->timeFormat, TimeFormat::Local);
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        auto *confirm = dialog->findChild<ConfirmDialog *>();
        QVERIFY(confirm && confirm->isVisible());
        QCOMPARE(saved.count(), 1);
        QTest::mouseClick(confirm->confirmButton(), Qt::LeftButton);
        QCOMPARE(saved.count(), 2);

        QTest::mouseClick(button(dialog, QStringLiteral("Use for the import")), Qt::LeftButton);
        QCOMPARE(import.profileChoice()->currentText(), QStringLiteral("Gateway"));
        grab(&import, "importdialog-profile.png");
        QSignalSpy finished(&import, &ImportDialog::finished);
        QTest::mouseClick(button(&import, QStringLiteral("&Import")), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QVERIFY2(import.outcome().summary, qPrintable(import.resultText()));
        QCOMPARE(import.outcome().summary->records, qint64(3));
    }

    void aRefusedMappedImportListsTheLinesByTheFilesColumns()
    {
        test::TestAccount acc;
        acc.setNow("2026-10-01T12:00:00+08:00");
        auto p = acc.run([](Context &c) {
            return profileFromJson(R"({"kind":"call-log","columns":{"t":"timestamp","a":"api","r":"region",
                                       "s":"status"}})",
                                   QStringLiteral("logs"), c.catalog);
        });
        QVERIFY(p);
        QVERIFY(acc.run([&](Context &c) { return saveColumnProfile(c, *p, false); }));
        const QString path = acc.dir.filePath(QStringLiteral("bad.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("t,a,r,s\n2026-10-01T09:00:00+08:00,general-text,Mars,200\n");
        f.close();
        ImportDialog import(*acc.engine, nullptr);
        import.setPath(path);
        QComboBox *choice = import.profileChoice();
        QCOMPARE(choice->count(), 2);
        chooseWithKeys(choice, 0); // the first saved profile
        QSignalSpy finished(&import, &ImportDialog::finished);
        import.start();
        QVERIFY(finished.wait(30000));
        QVERIFY(!import.outcome().summary);
        QCOMPARE(import.problems()->rowCount(), 1);
        QCOMPARE(import.problems()->item(0, 1)->text(), QStringLiteral("r"));
        QVERIFY(
            import.resultText().contains(QStringLiteral("line 2, column \"r\" (region): unknown region")));
    }
};

QTEST_MAIN(TestColumnMapping)
#include "tst_columnmapping.moc"
