#include "shell/shortcutsdialog.h"

#include "ui_shortcutsdialog.h"

#include "shell/mainwindow.h"

#include <QAbstractButton>
#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTreeWidget>

#include <utility>
#include <vector>

namespace billing::ui {

namespace {
QString plain(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?=[^&\\s])")));
    text.replace(QLatin1String("&&"), QLatin1String("&"));
    // "Foo(&F)…" in translations: the mnemonic in brackets goes too.
    text.remove(QRegularExpression(QStringLiteral("\\([A-Z]\\)")));
    return text.trimmed();
}

QString keys(const QList<QKeySequence> &sequences)
{
    QStringList texts;
    for (const QKeySequence &k : sequences)
        if (!k.isEmpty())
            texts << k.toString(QKeySequence::NativeText);
    return texts.join(QStringLiteral(", "));
}

using Rows = std::vector<std::pair<QString, QString>>;

void addGroup(QTreeWidget *list, const QString &title, const Rows &rows)
{
    if (rows.empty())
        return;
    auto *group = new QTreeWidgetItem(list, {title});
    group->setFirstColumnSpanned(true);
    QFont bold = group->font(0);
    bold.setBold(true);
    group->setFont(0, bold);
    for (const auto &[what, key] : rows)
        new QTreeWidgetItem(group, {what, key});
}

// The actions and buttons of `widget` that have a shortcut, excluding those listed already.
Rows shortcutsOf(QWidget *widget, QStringList &seen)
{
    Rows rows;
    auto add = [&](const QString &text, const QList<QKeySequence> &sequences) {
        const QString k = keys(sequences);
        const QString t = plain(text);
        if (k.isEmpty() || t.isEmpty() || seen.contains(t + k))
            return;
        seen << t + k;
        rows.emplace_back(t, k);
    };
    for (QAction *a : widget->findChildren<QAction *>())
        if (!a->isSeparator())
            add(a->text(), a->shortcuts());
    // A button's Alt+letter from its text is covered by the "underlined letter" row; its other keys are
    // listed.
    for (QAbstractButton *b : widget->findChildren<QAbstractButton *>())
        if (b->shortcut() != QKeySequence::mnemonic(b->text()))
            add(b->text().isEmpty() ? b->toolTip() : b->text(), {b->shortcut()});
    return rows;
}
} // namespace

ShortcutsDialog::ShortcutsDialog(MainWindow &window)
    : QDialog(&window), m_ui(std::make_unique<Ui::ShortcutsDialog>())
{
    m_ui->setupUi(this);

    QStringList seen;
    Rows pages;
    for (QAction *a : window.pageActions())
        if (!a->shortcut().isEmpty()) {
            pages.emplace_back(plain(a->text()), keys(a->shortcuts()));
            seen << plain(a->text()) + keys(a->shortcuts());
        }
    addGroup(m_ui->shortcuts, tr("Pages"), pages);
    addGroup(m_ui->shortcuts, tr("Menus"), shortcutsOf(window.menuBar(), seen));
    for (PageId id : window.pages())
        if (Page *page = window.page(id))
            addGroup(m_ui->shortcuts, tr("Page “%1”").arg(page->accessibleName()), shortcutsOf(page, seen));
    addGroup(
        m_ui->shortcuts, tr("Everywhere"),
        {{tr("Next / previous field"), tr("Tab / Shift+Tab")},
         {tr("Switch between the page list and the page"),
          QKeySequence(Qt::Key_F6).toString(QKeySequence::NativeText)},
         {tr("Open the menus"), tr("Alt, or Alt + the underlined letter")},
         {tr("Press the button or field with the underlined letter"), tr("Alt + the underlined letter")},
         {tr("Open the selected table row (bill line, record)"), tr("Enter")},
         {tr("Edit the selected cell (tags)"), QKeySequence(Qt::Key_F2).toString(QKeySequence::NativeText)},
         {tr("Close a dialog without changing anything"), tr("Esc")}});
    m_ui->shortcuts->expandAll();
    m_ui->shortcuts->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->shortcuts->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_ui->shortcuts->setCurrentItem(m_ui->shortcuts->topLevelItem(0));

    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const QFontMetrics fm = fontMetrics();
    resize(fm.averageCharWidth() * 80, fm.height() * 36);
}

ShortcutsDialog::~ShortcutsDialog() = default;

QTreeWidget *ShortcutsDialog::list() const
{
    return m_ui->shortcuts;
}

} // namespace billing::ui
