from django.core.management.base import BaseCommand, CommandError

from audit.models import AuditChain
from audit.verify import verify_chains


class Command(BaseCommand):
    help = (
        "Check every company's audit chain (hashes, links, numbering, head); "
        "exit with status 1 naming the company and entry where a chain breaks. "
        "With -v 2 also print each chain's head (number and hash), to keep "
        "outside the database."
    )

    def handle(self, *args, **options):
        breaks = verify_chains()
        if options["verbosity"] >= 2:
            for chain in AuditChain.objects.order_by("pk"):
                self.stdout.write(f"{chain.key} #{chain.last_seq} {chain.last_hash}")
        if breaks:
            for chain_break in breaks:
                self.stderr.write(str(chain_break))
            raise CommandError(
                f"{len(breaks)} break(s) in "
                f"{len({b.chain for b in breaks})} audit chain(s)."
            )
        chains = AuditChain.objects.count()
        self.stdout.write(f"{chains} audit chain(s) verified, no break.")
