#include "widgets/taborder.h"

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLayout>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>

#include <algorithm>
#include <vector>

namespace billing::ui {

namespace {
// A QDateEdit showing its special value ("any") has no sections for Tab to step through, and Qt 6.4 then
// keeps Tab inside it for ever; this moves the focus on as Tab does everywhere else.
class SpecialValueTabFilter : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *edit = qobject_cast<QDateEdit *>(watched);
        if (!edit || event->type() != QEvent::KeyPress || edit->specialValueText().isEmpty() ||
            edit->date() != edit->minimumDate())
            return false;
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key != Qt::Key_Tab && key != Qt::Key_Backtab)
            return false;
        const bool forward =
            key == Qt::Key_Tab && !(static_cast<QKeyEvent *>(event)->modifiers() & Qt::ShiftModifier);
        QWidget *w = edit;
        do
            w = forward ? w->nextInFocusChain() : w->previousInFocusChain();
        while (w != edit && (edit->isAncestorOf(w) || !w->isVisible() || !w->isEnabled() ||
                             !(w->focusPolicy() & Qt::TabFocus) || w->window() != edit->window()));
        w->setFocus(forward ? Qt::TabFocusReason : Qt::BacktabFocusReason);
        return true;
    }
};
} // namespace

void letTabLeaveAnyDate(QDateEdit *edit)
{
    edit->installEventFilter(new SpecialValueTabFilter(edit));
}

namespace {
void collectWidget(QWidget *w, QList<QWidget *> &out);

void collectLayout(QLayout *layout, QList<QWidget *> &out)
{
    struct Item
    {
        int row, column, index;
        QLayoutItem *item;
    };
    std::vector<Item> items;
    for (int i = 0; i < layout->count(); ++i) {
        int row = 0, column = i;
        if (auto *grid = qobject_cast<QGridLayout *>(layout)) {
            int rowSpan = 0, columnSpan = 0;
            grid->getItemPosition(i, &row, &column, &rowSpan, &columnSpan);
        } else if (auto *form = qobject_cast<QFormLayout *>(layout)) {
            QFormLayout::ItemRole role = QFormLayout::LabelRole;
            form->getItemPosition(i, &row, &role);
            column = int(role);
        }
        items.push_back({row, column, i, layout->itemAt(i)});
    }
    std::stable_sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
        return a.row != b.row ? a.row < b.row : a.column < b.column;
    });
    for (const Item &i : items) {
        if (QWidget *w = i.item->widget())
            collectWidget(w, out);
        else if (QLayout *inner = i.item->layout())
            collectLayout(inner, out);
    }
}

void collectWidget(QWidget *w, QList<QWidget *> &out)
{
    if (w->isWindow())
        return;
    if (w->focusPolicy() & Qt::TabFocus)
        out << w;
    if (auto *view = qobject_cast<QAbstractItemView *>(w)) {
        // Tab leaves a table (else it walks every cell first); the arrow keys move inside it.
        view->setTabKeyNavigation(false);
        return;
    }
    // Composite controls order their own parts.
    if (qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QComboBox *>(w))
        return;
    if (auto *splitter = qobject_cast<QSplitter *>(w)) {
        for (int i = 0; i < splitter->count(); ++i)
            collectWidget(splitter->widget(i), out);
    } else if (auto *stack = qobject_cast<QStackedWidget *>(w)) {
        for (int i = 0; i < stack->count(); ++i)
            collectWidget(stack->widget(i), out);
    } else if (auto *tabs = qobject_cast<QTabWidget *>(w)) {
        out << tabs->tabBar();
        for (int i = 0; i < tabs->count(); ++i)
            collectWidget(tabs->widget(i), out);
    } else if (auto *scroll = qobject_cast<QScrollArea *>(w)) {
        if (scroll->widget())
            collectWidget(scroll->widget(), out);
    } else if (w->layout()) {
        collectLayout(w->layout(), out);
    }
}
} // namespace

void orderTabsByLayout(QWidget *root)
{
    QList<QWidget *> order;
    if (root->layout())
        collectLayout(root->layout(), order);
    for (qsizetype i = 1; i < order.size(); ++i)
        QWidget::setTabOrder(order[i - 1], order[i]);
}

} // namespace billing::ui
