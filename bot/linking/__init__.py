"""One learner across channels: link codes, merging two learners, splitting a channel off.

`/link` on any channel gives a short code; `link CODE` sent from another channel joins that
channel's learner to the code's learner (`merge`). `/unlink` splits one channel account off
into a new learner (`split`). The creator API does the same without codes.
"""

from bot.linking.codes import (
    CODE_LIFETIME,
    CodeRejected,
    LinkThrottled,
    issue_code,
    redeem_code,
)
from bot.linking.merge import merge_learners
from bot.linking.split import NotLinked, split_account

__all__ = [
    "CODE_LIFETIME",
    "CodeRejected",
    "LinkThrottled",
    "NotLinked",
    "issue_code",
    "merge_learners",
    "redeem_code",
    "split_account",
]
