#pragma once

class QDateEdit;
class QWidget;

namespace billing::ui {

// Orders the Tab key through `root`'s controls as they are laid out: box layouts in their order, grid
// and form layouts row by row, splitters and stacks pane by pane, so a nested column is finished
// before the next one starts. Qt's default is the order the widgets were created in, which is not
// what the eye sees once a page creates its members in one order and lays them out in another.
// Tab also leaves item views instead of walking their cells (the arrow keys move inside them). Call it
// when the layout is complete; widgets added later go to the end of the order.
void orderTabsByLayout(QWidget *root);

// A QDateEdit showing its special value ("any") has no sections for Tab to step through, and Qt 6.4 then
// keeps Tab inside it for ever: this lets Tab and Backtab move on from it as everywhere else.
void letTabLeaveAnyDate(QDateEdit *edit);

} // namespace billing::ui
