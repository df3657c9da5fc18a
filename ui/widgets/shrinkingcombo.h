#pragma once

#include <QComboBox>

namespace billing::ui {

// Lets a list be as wide as its longest value when there is room, yet shrink down to a few characters
// (eliding its text) on a narrow window, so a row of tools never makes its page wider than the screen.
inline void letComboShrink(QComboBox *box, int characters = 4)
{
    const QComboBox::SizeAdjustPolicy policy = box->sizeAdjustPolicy();
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(characters);
    box->setMinimumWidth(box->minimumSizeHint().width());
    box->setSizeAdjustPolicy(policy == QComboBox::AdjustToMinimumContentsLengthWithIcon
                                 ? QComboBox::AdjustToContentsOnFirstShow
                                 : policy);
}

} // namespace billing::ui
