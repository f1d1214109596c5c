import { NavLink, type NavLinkProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { forwardRef } from 'react';

type AnchorNavLinkProps = NavLinkProps &
  Omit<React.AnchorHTMLAttributes<HTMLAnchorElement>, keyof NavLinkProps>;

const AnchorNavLink = forwardRef<HTMLAnchorElement, AnchorNavLinkProps>((props, ref) => (
  <NavLink component="a" ref={ref} {...props} />
));
AnchorNavLink.displayName = 'AnchorNavLink';

/** Mantine's NavLink rendered as a type-safe TanStack Router link. */
export const RouterNavLink = createLink(AnchorNavLink);
