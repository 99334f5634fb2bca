"""A certificate as a one-page PDF (reportlab): what the certificate row shows, nothing more.

reportlab is imported when a PDF is drawn: the engine imports this module, a turn rarely draws.
"""

from __future__ import annotations

import io

from models import Certificate


def render(certificate: Certificate, verify_url: str) -> bytes:
    """Landscape A4: title, learner, program, creator, date, verification code and URL."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    width, height = landscape(A4)
    page = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=0)
    page.setTitle(f"Certificate {certificate.code}")
    page.setAuthor(certificate.creator_name)
    page.setLineWidth(3)
    page.rect(30, 30, width - 60, height - 60)
    lines = [
        ("Helvetica-Bold", 34, height - 140, "Certificate of Completion"),
        ("Helvetica", 16, height - 190, "This certifies that"),
        ("Helvetica-Bold", 28, height - 235, certificate.learner_name),
        ("Helvetica", 16, height - 280, "has completed"),
        ("Helvetica-Bold", 22, height - 320, certificate.program_title),
        ("Helvetica", 14, height - 370, f"offered by {certificate.creator_name}"),
        ("Helvetica", 14, height - 395, f"on {certificate.issued_at.date().isoformat()}"),
        ("Helvetica", 11, 80, f"Verification code: {certificate.code}"),
        ("Helvetica", 11, 62, f"Verify at {verify_url}"),
    ]
    for font, size, y, text in lines:
        page.setFont(font, size)
        page.drawCentredString(width / 2, y, text)
    page.showPage()
    page.save()
    return buffer.getvalue()
