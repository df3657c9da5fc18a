// The console in Simplified Chinese: with the zh_CN translation installed (as the console does at start
// for that language), the shell and every page of a demo account show Chinese texts, and no label,
// button, action or table header is left in English (proper nouns, ids, codes and numbers aside).
#include "pagewalk.h"
#include "shell/accountbar.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "translations.h"
#include "widgets/format.h"

#include "engine/engine.h"
#include <QAbstractItemView>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabBar>

#include <QTableView>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace billing;
using namespace billing::ui;

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    // Latin words that may stay: codes, file formats, key names, product names, the demo's project ids.
    static bool allowed(const QString &word)
    {
        static const QStringList words = {
            QStringLiteral("API"),     QStringLiteral("ID"),         QStringLiteral("CSV"),
            QStringLiteral("XLSX"),    QStringLiteral("PDF"),        QStringLiteral("PNG"),
            QStringLiteral("Excel"),   QStringLiteral("JSON"),       QStringLiteral("UTC"),
            QStringLiteral("HTTP"),    QStringLiteral("Qt"),         QStringLiteral("OCR"),
            QStringLiteral("USD"),     QStringLiteral("CNY"),        QStringLiteral("Ctrl"),
            QStringLiteral("Alt"),     QStringLiteral("Shift"),      QStringLiteral("Enter"),
            QStringLiteral("Esc"),     QStringLiteral("Tab"),        QStringLiteral("PgUp"),
            QStringLiteral("PgDown"),  QStringLiteral("Del"),        QStringLiteral("Left"),
            QStringLiteral("Right"),   QStringLiteral("F1"),         QStringLiteral("F2"),
            QStringLiteral("F5"),      QStringLiteral("F6"),         QStringLiteral("English"),
            QStringLiteral("default"), QStringLiteral("billingctl"),
            QStringLiteral("Lines"),                             // JSON Lines, a format's name
            QStringLiteral("FOCUS"),   QStringLiteral("FinOps"), // a format's name and its foundation's
        };
        if (words.contains(word))
            return true;
        // The acting user's name is data, shown as it is (the account bar: "root · 所有者").
        if (word == Engine::defaultActor())
            return true;
        // Ids: "mobile-app", "cn-north-4", "5m", "general_text"; mnemonic letters "(&S)" leave "S".
        return word.contains(QRegularExpression(QStringLiteral("[-_0-9]"))) || word.size() == 1;
    }

    static QStringList englishWords(const QString &text)
    {
        QString plain =
            Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
        plain.remove(QRegularExpression(QStringLiteral("\\(&[A-Z]\\)")));
        QStringList found;
        static const QRegularExpression word(QStringLiteral("[A-Za-z][A-Za-z0-9_-]*"));
        for (auto it = word.globalMatch(plain); it.hasNext();) {
            const QString w = it.next().captured();
            if (!allowed(w))
                found << w;
        }
        return found;
    }

    // The texts of `root` a person reads: labels, buttons, actions (menus too), group and tab titles,
    // column headers.
    static QList<std::pair<QString, QString>> visibleTexts(QWidget *root)
    {
        QList<std::pair<QString, QString>> texts;
        auto add = [&](const QObject *o, const QString &text) {
            if (!text.trimmed().isEmpty())
                texts.append(
                    {QString::fromLatin1(o->metaObject()->className()) + QLatin1Char(' ') + o->objectName(),
                     text});
        };
        std::function<void(QMenu *)> addMenu = [&](QMenu *menu) {
            for (QAction *a : menu->actions()) {
                add(a, a->text());
                if (a->menu())
                    addMenu(a->menu());
            }
        };
        for (QWidget *w : root->findChildren<QWidget *>()) {
            if (!w->isVisibleTo(root))
                continue;
            if (auto *l = qobject_cast<QLabel *>(w))
                add(l, l->text());
            if (auto *b = qobject_cast<QAbstractButton *>(w))
                add(b, b->text());
            if (auto *t = qobject_cast<QToolButton *>(w); t && t->menu())
                addMenu(t->menu());
            if (auto *p = qobject_cast<QPushButton *>(w); p && p->menu())
                addMenu(p->menu());
            if (auto *g = qobject_cast<QGroupBox *>(w))
                add(g, g->title());
            if (auto *tabs = qobject_cast<QTabBar *>(w))
                for (int i = 0; i < tabs->count(); ++i)
                    add(tabs, tabs->tabText(i));
            QHeaderView *header = nullptr;
            if (auto *table = qobject_cast<QTableView *>(w))
                header = table->horizontalHeader();
            else if (auto *tree = qobject_cast<QTreeView *>(w))
                header = tree->header();
            if (header && header->model() && !header->isHidden())
                for (int c = 0; c < header->count(); ++c)
                    if (!header->isSectionHidden(c))
                        add(w, header->model()->headerData(c, Qt::Horizontal).toString());
            for (QAction *a : w->actions())
                add(a, a->text());
        }
        return texts;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(applyLocale(ConsoleSettings::localeFor(QStringLiteral("zh_CN"))));
        QCOMPARE(QLocale().language(), QLocale::Chinese);
    }
    void cleanupTestCase() { applyLocale(QLocale::c()); }

    void shellIsChinese()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        test::ShownWindow shown(*acc.engine);
        MainWindow &w = shown.window;
        QCOMPARE(w.menuBar()->actions().at(0)->text(), QStringLiteral("文件(&F)"));
        auto *navigation = w.findChild<QTreeWidget *>(QStringLiteral("navigation"));
        QStringList items;
        for (QTreeWidgetItemIterator it(navigation); *it; ++it)
            items << (*it)->text(0);
        QVERIFY2(items.contains(QStringLiteral("总览")), qPrintable(items.join(u',')));
        QVERIFY2(items.contains(QStringLiteral("资源包与续费")), qPrintable(items.join(u',')));
        QVERIFY2(items.contains(QStringLiteral("成本中心")), qPrintable(items.join(u',')));
        QCOMPARE(w.accountBar()->stateText(), QStringLiteral("正常"));
        // Money and dates follow the chosen locale.
        QCOMPARE(formatMoney(Money::fromCents(123456789)), QStringLiteral("1,234,567.89"));
        QVERIFY(QLocale().toString(QDate(2026, 11, 27), QLocale::LongFormat).contains(QStringLiteral("年")));
        // Qt's own texts (standard buttons) are Chinese too.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
    }

    void noPageIsLeftInEnglish()
    {
        test::DemoAccount demo(QStringLiteral("演示账户"));
        test::ShownWindow shown(*demo.engine);
        MainWindow &w = shown.window;
        QStringList english;
        auto check = [&](const QString &where, QWidget *root) {
            for (const auto &[what, text] : visibleTexts(root))
                if (const QStringList words = englishWords(text); !words.isEmpty())
                    english << QStringLiteral("%1: %2: \"%3\" (%4)").arg(where, what, text, words.join(u' '));
        };
        for (PageId id : w.pages()) {
            QVERIFY(test::showAndSettle(w, id));
            check(MainWindow::pageKey(id), w.page(id));
        }
        check(QStringLiteral("shell"), w.menuBar());
        for (QAction *a : w.menuBar()->actions())
            for (QAction *item : a->menu()->actions())
                if (const QStringList words = englishWords(item->text()); !words.isEmpty())
                    english << QStringLiteral("menu: \"%1\" (%2)").arg(item->text(), words.join(u' '));
        check(QStringLiteral("account bar"), w.accountBar());
        QVERIFY2(english.isEmpty(), qPrintable(english.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
