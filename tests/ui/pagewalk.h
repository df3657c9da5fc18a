#pragma once

// Helpers for the tests that walk every page of the console (accessibility, translations): a demo
// account with two months of history, and the widgets a person can see or reach on a page.
#include "demo/demogenerator.h"
#include "engine/engine.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "testaccount.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSize>
#include <QTemporaryDir>
#include <QTest>

namespace billing::test {

struct DemoAccount
{
    explicit DemoAccount(const QString &name = QStringLiteral("Demo account"), int months = 2)
    {
        path = dir.filePath(QStringLiteral("demo.sqlite"));
        if (auto s = createDemoAccount(path, clock.now(), DemoOptions{months, 1, name}); !s)
            qFatal("cannot create the demo account: %s", qPrintable(s.error().message));
        auto e = Engine::open(path, clock);
        if (!e)
            qFatal("cannot open the demo account: %s", qPrintable(e.error().message));
        engine = std::move(e).value();
    }
    QTemporaryDir dir;
    QString path;
    FixedClock clock{at("2026-11-27T10:00:00+08:00")};
    std::unique_ptr<Engine> engine;
};

// The console's window over `engine` with throw-away settings, shown (at 1280 × 800 unless told) and
// made active.
struct ShownWindow
{
    explicit ShownWindow(Engine &engine, QSize size = QSize(1280, 800))
        : settings(dir.filePath(QStringLiteral("s.ini"))), window(engine, settings)
    {
        window.resize(size);
        window.show();
        window.activateWindow();
    }
    bool active() { return QTest::qWaitForWindowActive(&window); }

    QTemporaryDir dir;
    ui::ConsoleSettings settings;
    ui::MainWindow window;
};

// Shows the page and waits until its background loading is done.
inline bool showAndSettle(ui::MainWindow &w, ui::PageId id)
{
    w.showPage(id);
    ui::Page *page = w.page(id);
    return QTest::qWaitFor([page] { return !page->isBusy(); }, 20000);
}

// The widgets on `root` a person can reach: visible, enabled, taking keyboard focus or clicks.
inline QList<QWidget *> interactiveWidgets(QWidget *root)
{
    QList<QWidget *> found;
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(root) || !w->isEnabled())
            continue;
        // Parts of a composite widget (a spin box's line edit, a table's headers) speak for it.
        if (qobject_cast<QAbstractSpinBox *>(w->parentWidget()) ||
            qobject_cast<QComboBox *>(w->parentWidget()) ||
            qobject_cast<QAbstractItemView *>(w->parentWidget()))
            continue;
        if (qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w) ||
            qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w) ||
            qobject_cast<QAbstractItemView *>(w) || w->inherits("QChartView") ||
            w->inherits("billing::ui::FigureButton") || w->inherits("billing::ui::TimeSeriesPlot"))
            found << w;
    }
    return found;
}

inline QString describe(const QWidget *w)
{
    return QStringLiteral("%1 \"%2\" in %3")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
             w->parentWidget() ? w->parentWidget()->objectName() : QString());
}

} // namespace billing::test
