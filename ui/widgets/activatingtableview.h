#pragma once

#include <QKeyEvent>
#include <QTableView>

namespace billing::ui {

// A table whose Enter/Return key opens the current row (activated()), on every platform, like a
// double-click: the keyboard way into a drill-down.
class ActivatingTableView : public QTableView
{
public:
    using QTableView::QTableView;

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentIndex().isValid()) {
            emit activated(currentIndex());
            return;
        }
        QTableView::keyPressEvent(event);
    }
};

} // namespace billing::ui
