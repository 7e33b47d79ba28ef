# Forked so that the pricing strategy (partner.strategy) can be replaced by one
# fed with company price lists; the models are Oscar's.
from oscar.apps.partner.models import *  # noqa: F403
