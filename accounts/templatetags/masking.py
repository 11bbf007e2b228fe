from django import template

from accounts.masking import mask_id_number, mask_phone

register = template.Library()

register.filter("mask_id_number", mask_id_number)
register.filter("mask_phone", mask_phone)
