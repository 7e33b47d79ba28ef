import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Bruno (Acme) flags Nils's answer in the demo topic about M8 bolts; the
# moderator then finds it in the queue with Bruno's reason.
BUYER = "buyer@acme.example"
MODERATOR = "moderator@portal.example"
TOPIC = "Torque values for M8 bolts"
ANSWER = "For strength class 8.8 we use about 25 Nm"


def test_member_flags_a_post_and_the_moderator_sees_why(new_context, login):
    buyer = new_context().new_page()
    login(buyer, BUYER)
    buyer.goto("/portal/forums/c/fasteners/")
    buyer.get_by_role("link", name=TOPIC).click()

    post = buyer.locator("article.post").filter(has_text=ANSWER)
    post.locator("summary", has_text="Flag").click()
    post.get_by_label("Off-topic").check()
    post.get_by_label("Comment (optional)").fill("Wrong strength class")
    post.get_by_role("button", name="Send the flag").click()

    expect(buyer.get_by_role("status")).to_have_text(
        "Thank you. A moderator will look at the post."
    )
    expect(buyer.locator("article.post").filter(has_text=ANSWER)).to_be_visible()

    # The post says so and is not offered for flagging a second time
    post = buyer.locator("article.post").filter(has_text=ANSWER)
    expect(post.locator(".flagged-by-me")).to_have_text("You flagged this post.")
    expect(post.locator("summary", has_text="Flag")).to_have_count(0)

    moderator = new_context().new_page()
    login(moderator, MODERATOR)
    moderator.goto("/portal/forums/moderation/")
    item = moderator.locator(".queue-item").filter(has_text=ANSWER)
    expect(item.locator(".flags")).to_contain_text(
        re.compile(r"Off-topic · Bruno Buyer: “Wrong strength class”")
    )
